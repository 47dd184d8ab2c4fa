using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ConnectedAppAndTokenIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_ConnectedAppId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "ConnectedAppId", "OccurredAt" },
                filter: "ConnectedAppId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_OAuthTokens",
                table: "UsageEvents",
                columns: new[] { "Application", "UserId" },
                filter: "EventType = 'OAuthToken'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_ConnectedAppId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_OAuthTokens",
                table: "UsageEvents");
        }
    }
}
