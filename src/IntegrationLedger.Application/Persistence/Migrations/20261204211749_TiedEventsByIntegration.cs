using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TiedEventsByIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_TiedAppId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_TiedAppId_IntegrationId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "TiedAppId", "IntegrationId", "OccurredAt" },
                filter: "TiedAppId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_TiedAppId_IntegrationId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_TiedAppId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "TiedAppId", "OccurredAt" },
                filter: "TiedAppId IS NOT NULL");
        }
    }
}
