using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UsageEventsAndImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_Fingerprint",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Fingerprint",
                table: "Tokens",
                column: "Fingerprint",
                unique: true,
                filter: "Fingerprint IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_Fingerprint",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Fingerprint",
                table: "Tokens",
                column: "Fingerprint");
        }
    }
}
