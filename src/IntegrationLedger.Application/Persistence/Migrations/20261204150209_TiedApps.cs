using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TiedApps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_ConnectedAppId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.AddColumn<string>(
                name: "TiedAppId",
                table: "UsageEvents",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            // The activity kept so far is tied as an import now ties it (ConnectedAppTies): by its app's id, else by
            // the name of the one registered app its app or client name gives exactly. Names with a version after
            // them ("Orbit Analytics/2.4") are tied the next time the ConnectedApplication export is imported.
            migrationBuilder.Sql(
                "UPDATE UsageEvents SET TiedAppId = ConnectedAppId WHERE ConnectedAppId IS NOT NULL AND " + NotTied + ";");
            migrationBuilder.Sql(TieByName("Application"));
            migrationBuilder.Sql(TieByName("ClientName"));

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_TiedAppId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "TiedAppId", "OccurredAt" },
                filter: "TiedAppId IS NOT NULL");
        }

        private static string TieByName(string column)
        {
            var sameName = $"FROM ConnectedApps a WHERE lower(trim(a.Name)) = lower(trim(UsageEvents.{column}))";
            return $"UPDATE UsageEvents SET TiedAppId = (SELECT SalesforceId {sameName}) " +
                $"WHERE TiedAppId IS NULL AND ConnectedAppId IS NULL AND {column} IS NOT NULL AND {NotTied} AND (SELECT count(*) {sameName}) = 1;";
        }

        /// <summary>Token snapshots, setup changes and Threat Detection's verdicts name apps without being their activity.</summary>
        private const string NotTied =
            "EventType NOT IN ('OAuthToken', 'SetupAuditTrail', 'ApiAnomaly', 'ReportAnomaly', 'CredentialStuffing', 'SessionHijacking')";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_TiedAppId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "TiedAppId",
                table: "UsageEvents");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_ConnectedAppId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "ConnectedAppId", "OccurredAt" },
                filter: "ConnectedAppId IS NOT NULL");
        }
    }
}
