using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatchEventsDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EventsDigest",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EventsDigest",
                table: "ImportBatches");
        }
    }
}
