using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationLedger.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccessSnapshotsAndTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AsOf",
                table: "ImportBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "OwnerId",
                table: "Accounts",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.CreateTable(
                name: "AccessSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Facet = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Changes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: true),
                    UserType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    FederationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    LastLoginAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastPasswordChangeAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Granted = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Known = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PermissionSets = table.Column<string>(type: "TEXT", nullable: true),
                    MfaMethods = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    IsFrozen = table.Column<bool>(type: "INTEGER", nullable: true),
                    IsPasswordLocked = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessSnapshots_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AccessSnapshots_ImportBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrainingRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Course = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingRecords_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessSnapshots_AccountId_Facet_AsOf",
                table: "AccessSnapshots",
                columns: new[] { "AccountId", "Facet", "AsOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessSnapshots_BatchId",
                table: "AccessSnapshots",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_PersonId_CompletedOn_Course",
                table: "TrainingRecords",
                columns: new[] { "PersonId", "CompletedOn", "Course" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessSnapshots");

            migrationBuilder.DropTable(
                name: "TrainingRecords");

            migrationBuilder.DropColumn(
                name: "AsOf",
                table: "ImportBatches");

            migrationBuilder.AlterColumn<Guid>(
                name: "OwnerId",
                table: "Accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
