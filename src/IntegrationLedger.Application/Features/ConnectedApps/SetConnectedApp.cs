using FluentValidation;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Features.ConnectedApps;

/// <summary>
/// Says by hand which integration a connected app belongs to (the integration gains an attribution rule on
/// the app's id, so the app's next events and OAuth tokens are attributed to it) and who its vendor is.
/// </summary>
public sealed record SetConnectedApp(string App, string? Integration, string? Vendor);

public sealed record SetConnectedAppResult(string App, string? Integration, string? Vendor, bool RuleAdded, bool VendorChanged);

public sealed class SetConnectedAppHandler(Ledger ledger)
{
    public async Task<SetConnectedAppResult> HandleAsync(SetConnectedApp request, CancellationToken cancellationToken = default)
    {
        if (request.Integration is null && request.Vendor is null)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("integration", "Give --integration, --vendor or both.")]);
        var db = ledger.Db;
        var entry = ShowConnectedAppHandler.Find(await ConnectedAppRegister.LoadAsync(db, cancellationToken), request.App);
        if (entry.App is null || entry.SalesforceId is null)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("app",
                $"'{entry.Name}' is known only from OAuth tokens or activity; import its ConnectedApplication row first (ledger import sf-connected-apps FILE).")]);

        await using var change = await ledger.BeginChangeAsync(AuditActions.ConnectedAppSet, cancellationToken);
        var ruleAdded = false;
        string? integrationName = entry.Integration?.Name;
        string? integrationVendor = entry.Integration?.Vendor;
        if (request.Integration is { } name)
        {
            var integration = await db.RequireIntegrationAsync(name, cancellationToken);
            if (!integration.HasAttributionRule(AttributionRuleKind.ConnectedAppId, entry.SalesforceId))
            {
                integration.AddAttributionRule(AttributionRuleKind.ConnectedAppId, entry.SalesforceId, ledger.Now);
                ruleAdded = true;
            }
            integrationName = integration.Name;
            integrationVendor = integration.Vendor;
        }
        var app = await db.ConnectedApps.FindAsync([entry.App.Id], cancellationToken) ?? throw new InvalidOperationException("The app was read a moment ago.");
        var vendorChanged = request.Vendor is not null && app.NameVendor(request.Vendor);
        await change.CommitAsync(cancellationToken);
        return new SetConnectedAppResult(entry.Name, integrationName, app.Vendor ?? integrationVendor, ruleAdded, vendorChanged);
    }
}
