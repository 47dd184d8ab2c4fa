using System.Globalization;
using IntegrationLedger.Domain.Incidents;

namespace IntegrationLedger.Application.Features.Incidents;

/// <summary>
/// The ordered runbook for a scope, as Salesforce advised after the 2025 OAuth-token thefts: cut the stolen
/// tokens off first (every OAuth token of each app, then each app's consumer secret), then the ledger's own
/// credentials and the integration accounts, then look at what happened, and vet the vendor again before its
/// access returns.
/// </summary>
internal static class Runbook
{
    public static IEnumerable<(IncidentStepKind Kind, string Target, string Instruction)> For(IncidentScope scope)
    {
        foreach (var app in scope.Apps)
        {
            var holders = app.Holders.Count == 0 ? "no token of it is known to the ledger"
                : $"{app.Holders.Count.ToString(CultureInfo.InvariantCulture)} user(s) hold {app.Tokens.ToString(CultureInfo.InvariantCulture)} token(s)";
            yield return (IncidentStepKind.RevokeOauthTokens, app.Name,
                $"Revoke every OAuth token of '{app.Name}' in Salesforce ({holders}): Setup > Connected Apps OAuth Usage > Revoke All, or Block the app; " +
                "or revoke each token through /services/oauth2/revoke.");
        }
        foreach (var app in scope.Apps)
        {
            yield return (IncidentStepKind.RotateConsumerSecret, app.Name,
                $"Rotate the consumer secret (and key) of '{app.Name}' (App Manager > the app > Manage Consumer Details; needs 'Allow consumer key and secret rotation'), " +
                "and give the new one to the vendor only through a channel they have not lost.");
        }
        foreach (var token in scope.Tokens.DistinctBy(t => t.Label))
        {
            yield return (IncidentStepKind.ResetToken, token.Label,
                $"Reset '{token.Label}' ({token.Kind}, used by {string.Join(", ", scope.Tokens.Where(t => t.Label == token.Label).Select(t => t.Integration))}): " +
                $"ledger token reset {token.Label}, then confirm each integration with ledger token confirm; or revoke it if it is no longer needed.");
        }
        foreach (var account in scope.Accounts.DistinctBy(a => a.Username))
        {
            yield return (IncidentStepKind.FreezeAccount, account.Username,
                $"Freeze or restrict the integration account {account.Username} ({account.Integration}): freeze it until the vendor is cleared, " +
                "or restrict its profile's login IP ranges to the vendor's published addresses.");
        }
        var outside = scope.Activity.Outside.ToList();
        yield return (IncidentStepKind.ReviewActivity, "activity",
            $"Review the activity since {scope.Activity.Since:yyyy-MM-dd HH:mm} UTC: {scope.Activity.Calls.ToString("N0", CultureInfo.InvariantCulture)} requests, " +
            $"{scope.Activity.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows over {scope.Activity.Objects.Select(o => o.Entity).Distinct().Count()} object(s)" +
            (outside.Count > 0 ? $", {outside.Count} source address(es) outside the allowed networks ({string.Join(", ", outside.Take(5).Select(s => s.Address))})" : "") +
            ": what was read, from where, and whether it was the vendor.");
        foreach (var vendor in scope.Vendors)
        {
            yield return (IncidentStepKind.RevetVendor, vendor,
                $"Vet {vendor} again before its access returns: ledger integration vet, for each of its integrations ({string.Join(", ", scope.Integrations)}).");
        }
    }
}
