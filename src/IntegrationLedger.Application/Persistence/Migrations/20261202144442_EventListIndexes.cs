using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_IntegrationId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "IntegrationId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_SourceIp_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "SourceIp", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_Username_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "Username", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_IntegrationId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_SourceIp_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_Username_OccurredAt",
                table: "UsageEvents");
        }
    }
}
