using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FindingKeyIncludesSubjectType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_RuleId_SubjectKey",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RuleId_SubjectType_SubjectKey",
                table: "Findings",
                columns: new[] { "RuleId", "SubjectType", "SubjectKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_RuleId_SubjectType_SubjectKey",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RuleId_SubjectKey",
                table: "Findings",
                columns: new[] { "RuleId", "SubjectKey" },
                unique: true);
        }
    }
}
