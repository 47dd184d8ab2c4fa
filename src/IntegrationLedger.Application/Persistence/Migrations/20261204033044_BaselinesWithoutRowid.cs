using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <summary>
    /// The three per-day baseline tables become WITHOUT ROWID tables: their composite key is the table itself
    /// instead of a second b-tree beside a rowid table, which halves what an import writes for them (a million
    /// account days at a million events) and what the rules read. EF Core has no setting for this, so the model
    /// is unchanged and the tables are rebuilt here with their data; a later migration that alters one of them
    /// must keep the clause (see ActivityConfiguration).
    /// </summary>
    public partial class BaselinesWithoutRowid : Migration
    {
        private static readonly (string Table, string Columns, string Key)[] Tables =
        [
            ("ActivityDays",
                "\"Scope\" TEXT NOT NULL, \"Subject\" TEXT NOT NULL, \"Day\" TEXT NOT NULL, \"Calls\" INTEGER NOT NULL, \"Failures\" INTEGER NOT NULL, " +
                "\"Rows\" INTEGER NOT NULL, \"Bytes\" INTEGER NOT NULL, \"Objects\" INTEGER NOT NULL, \"Sources\" INTEGER NOT NULL",
                "\"Scope\", \"Subject\", \"Day\""),
            ("ActivityObjects",
                "\"Scope\" TEXT NOT NULL, \"Subject\" TEXT NOT NULL, \"Day\" TEXT NOT NULL, \"Entity\" TEXT NOT NULL, \"Calls\" INTEGER NOT NULL, \"Rows\" INTEGER NOT NULL",
                "\"Scope\", \"Subject\", \"Day\", \"Entity\""),
            ("ActivitySources",
                "\"Scope\" TEXT NOT NULL, \"Subject\" TEXT NOT NULL, \"Day\" TEXT NOT NULL, \"Source\" TEXT NOT NULL, \"Calls\" INTEGER NOT NULL",
                "\"Scope\", \"Subject\", \"Day\", \"Source\""),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string options)
        {
            foreach (var (table, columns, key) in Tables)
            {
                migrationBuilder.Sql($"CREATE TABLE \"{table}_rebuilt\" ({columns}, CONSTRAINT \"PK_{table}\" PRIMARY KEY ({key})){options};");
                migrationBuilder.Sql($"INSERT INTO \"{table}_rebuilt\" SELECT * FROM \"{table}\" ORDER BY {key};");
                migrationBuilder.Sql($"DROP TABLE \"{table}\";");
                migrationBuilder.Sql($"ALTER TABLE \"{table}_rebuilt\" RENAME TO \"{table}\";");
            }
        }
    }
}
