using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ActivityVolumesAndBaselines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BytesReturned",
                table: "UsageEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Data",
                table: "UsageEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Entity",
                table: "UsageEvents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "UsageEvents",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Operation",
                table: "UsageEvents",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RowsFailed",
                table: "UsageEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RowsProcessed",
                table: "UsageEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Score",
                table: "UsageEvents",
                type: "REAL",
                nullable: true);

            // Each token's last use, for the stale rule, read from this index alone.
            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_TokenId_OccurredAt",
                table: "UsageEvents",
                columns: new[] { "TokenId", "OccurredAt" });

            migrationBuilder.CreateTable(
                name: "ActivityDays",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Calls = table.Column<long>(type: "INTEGER", nullable: false),
                    Failures = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Objects = table.Column<long>(type: "INTEGER", nullable: false),
                    Sources = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityDays", x => new { x.Scope, x.Subject, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "ActivityObjects",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Calls = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityObjects", x => new { x.Scope, x.Subject, x.Day, x.Entity });
                });

            migrationBuilder.CreateTable(
                name: "ActivitySources",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Calls = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitySources", x => new { x.Scope, x.Subject, x.Day, x.Source });
                });

            migrationBuilder.CreateTable(
                name: "BulkJobs",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    IntegrationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkJobs", x => x.JobId);
                });

            migrationBuilder.CreateTable(
                name: "FailedLoginHours",
                columns: table => new
                {
                    Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Failures = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailedLoginHours", x => new { x.Username, x.Hour });
                });

            // The events already held have no volumes (they were not read before), but their calls, failures,
            // sources and failed logins are the baselines' history: counted here as an import would have.
            // Written out in full, not by calling the application, so that this migration stays what it was.
            const string activity = "EventType NOT IN ('SetupAuditTrail', 'OAuthToken')";
            foreach (var (scope, subject) in new[] { ("'Integration'", "IntegrationId"), ("'Account'", "Username") })
            {
                migrationBuilder.Sql(
                    "INSERT INTO ActivityDays (Scope, Subject, Day, Calls, Failures, Rows, Bytes, Objects, Sources) " +
                    $"SELECT {scope}, {subject}, substr(OccurredAt, 1, 10), COUNT(*), COUNT(CASE WHEN Succeeded = 0 THEN 1 END), 0, 0, 0, COUNT(DISTINCT SourceIp) " +
                    $"FROM UsageEvents WHERE {subject} IS NOT NULL AND {activity} GROUP BY {subject}, substr(OccurredAt, 1, 10);");
                migrationBuilder.Sql(
                    "INSERT INTO ActivitySources (Scope, Subject, Day, Source, Calls) " +
                    $"SELECT {scope}, {subject}, substr(OccurredAt, 1, 10), SourceIp, COUNT(*) " +
                    $"FROM UsageEvents WHERE {subject} IS NOT NULL AND SourceIp IS NOT NULL AND {activity} GROUP BY {subject}, substr(OccurredAt, 1, 10), SourceIp;");
            }
            migrationBuilder.Sql(
                "INSERT INTO FailedLoginHours (Username, Hour, Failures, FirstAt, LastAt) " +
                "SELECT Username, substr(OccurredAt, 1, 13) || ':00:00', COUNT(*), MIN(OccurredAt), MAX(OccurredAt) " +
                "FROM UsageEvents WHERE Succeeded = 0 AND Username IS NOT NULL AND EventType IN ('Login', 'LoginHistory') " +
                "GROUP BY Username, substr(OccurredAt, 1, 13);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageEvents_TokenId_OccurredAt",
                table: "UsageEvents");

            migrationBuilder.DropTable(
                name: "ActivityDays");

            migrationBuilder.DropTable(
                name: "ActivityObjects");

            migrationBuilder.DropTable(
                name: "ActivitySources");

            migrationBuilder.DropTable(
                name: "BulkJobs");

            migrationBuilder.DropTable(
                name: "FailedLoginHours");

            migrationBuilder.DropColumn(
                name: "BytesReturned",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "Data",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "Entity",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "Operation",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "RowsFailed",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "RowsProcessed",
                table: "UsageEvents");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "UsageEvents");
        }
    }
}
