using System;
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

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Counts_Added = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_Attributed = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_Duplicates = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_Read = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_Rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_Unattributed = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KnownUsers",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnownUsers", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "UsageEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NaturalKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyHash = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Username = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    SourceIp = table.Column<string>(type: "TEXT", nullable: true),
                    LoginType = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: true),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: true),
                    Application = table.Column<string>(type: "TEXT", nullable: true),
                    ClientName = table.Column<string>(type: "TEXT", nullable: true),
                    ApiType = table.Column<string>(type: "TEXT", nullable: true),
                    ConnectedAppId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Uri = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    UseCount = table.Column<long>(type: "INTEGER", nullable: true),
                    IntegrationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TokenId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageEvents_ImportBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Fingerprint",
                table: "Tokens",
                column: "Fingerprint",
                unique: true,
                filter: "Fingerprint IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_Sha256",
                table: "ImportBatches",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_BatchId",
                table: "UsageEvents",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_KeyHash",
                table: "UsageEvents",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageEvents_OccurredAt",
                table: "UsageEvents",
                column: "OccurredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KnownUsers");

            migrationBuilder.DropTable(
                name: "UsageEvents");

            migrationBuilder.DropTable(
                name: "ImportBatches");

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
