using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ConnectedApps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConnectedApps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SalesforceId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreatedInSalesforceAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedInSalesforceAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AdminApprovedUsersOnly = table.Column<bool>(type: "INTEGER", nullable: true),
                    RefreshTokenValidity = table.Column<int>(type: "INTEGER", nullable: true),
                    RefreshTokenValidityFromLastUse = table.Column<bool>(type: "INTEGER", nullable: true),
                    HighAssuranceSession = table.Column<bool>(type: "INTEGER", nullable: true),
                    StartUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FirstImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectedApps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectedApps_Name",
                table: "ConnectedApps",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectedApps_SalesforceId",
                table: "ConnectedApps",
                column: "SalesforceId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectedApps");
        }
    }
}
