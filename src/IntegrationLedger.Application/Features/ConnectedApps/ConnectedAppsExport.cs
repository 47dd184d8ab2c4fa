using System.Globalization;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Domain.ConnectedApps;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>
/// <c>sf-connected-apps</c>: Salesforce's ConnectedApplication export (Data Loader, Workbench or
/// <c>sf data query</c>), one row per app, keyed by its id (15 or 18 characters). It is read like an
/// inventory template: every row checked before anything changes, each app created or restated, every
/// change audited, so an app's policy history is the audit log's. Only Id and Name are required; the
/// mobile and PIN columns, and any other, are ignored. An empty RefreshTokenValidityPeriod means tokens
/// valid until revoked (Salesforce writes no period then).
/// </summary>
public sealed class ConnectedAppsExport : IInventoryTemplate
{
    public const string FormatName = "sf-connected-apps";

    public string Name => FormatName;

    public IReadOnlyList<TemplateColumn> Columns { get; } =
    [
        new("Id", true, "The app's id (0H4...)"),
        new("Name", true, "The app's name, which OAuth tokens name it by"),
        new("CreatedDate", false, "When it was created in Salesforce"),
        new("LastModifiedDate", false, "When it was last changed in Salesforce"),
        new("OptionsAllowAdminApprovedUsersOnly", false, "true: admin-approved users only; false: any user may self-authorise"),
        new("OptionsRefreshTokenValidityMetric", false, "true: the refresh-token validity counts from last use; false: from issue"),
        new("RefreshTokenValidityPeriod", false, "How long a refresh token stays valid, in the unit set in Setup; empty: until revoked"),
        new("OptionsHasSessionLevelPolicy", false, "true: a high-assurance session is required"),
        new("StartUrl", false, "Where the app starts"),
    ];

    /// <summary>Its own columns, not merely an Id and a Name, which many exports have.</summary>
    public bool Recognises(HeaderMap header) =>
        header.Has("Id") && header.Has("Name")
        && (header.Has("OptionsAllowAdminApprovedUsersOnly") || header.Has("RefreshTokenValidityPeriod") || header.Has("OptionsRefreshTokenValidityMetric"));

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording) => new Applier(header);

    private sealed class Applier(HeaderMap header) : IInventoryRowApplier
    {
        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var line = row.Line;
            var idText = row.Required("Id");
            var id = row.Text("Id") is null ? null : RowFields.SalesforceId(idText, "Id", line, errors);
            if (id is not null && !id.StartsWith("0H4", StringComparison.Ordinal))
                row.Fail("Id", $"'{idText}' is not a connected app's id (they begin 0H4)");
            var name = row.Required("Name");
            var created = row.Time("CreatedDate");
            var modified = row.Time("LastModifiedDate");
            var policy = new ConnectedAppPolicy(
                RowFields.Flag(row.Text("OptionsAllowAdminApprovedUsersOnly"), "OptionsAllowAdminApprovedUsersOnly", line, errors),
                Period(row),
                RowFields.Flag(row.Text("OptionsRefreshTokenValidityMetric"), "OptionsRefreshTokenValidityMetric", line, errors),
                RowFields.Flag(row.Text("OptionsHasSessionLevelPolicy"), "OptionsHasSessionLevelPolicy", line, errors),
                row.Text("StartUrl"));
            if (modified < created)
                row.Fail("LastModifiedDate", $"'{row.Text("LastModifiedDate")}' is before CreatedDate '{row.Text("CreatedDate")}'");
            if (row.HasErrors)
                return null;

            var app = ledger.Db.ConnectedApps.Local.FirstOrDefault(a => a.SalesforceId == id)
                ?? await ledger.Db.ConnectedApps.FirstOrDefaultAsync(a => a.SalesforceId == id, cancellationToken);
            if (app is null)
            {
                ledger.Db.ConnectedApps.Add(new ConnectedApp(id!, name, policy, created, modified, ledger.Now));
                return RowOutcome.Created;
            }
            return app.Restate(name, policy, created, modified) ? RowOutcome.Updated : RowOutcome.Unchanged;
        }

        /// <summary>Apps added or renamed may be the ones that activity imported earlier named without an id.</summary>
        public async Task CompleteAsync(Ledger ledger, CancellationToken cancellationToken)
        {
            var ties = await ConnectedAppTies.LoadPendingAsync(ledger.Db, cancellationToken);
            await ties.RetieByNameAsync(ledger.Db, cancellationToken);
        }

        /// <summary>A whole number of the unit Setup names (hours, days or months); empty is until revoked.</summary>
        private static int? Period(TemplateRow row)
        {
            var text = row.Text("RefreshTokenValidityPeriod");
            if (text is null)
                return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var period))
                return period;
            row.Fail("RefreshTokenValidityPeriod", $"'{text}' is not a whole number of hours, days or months (leave it empty for until revoked)");
            return null;
        }
    }
}
