using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.Findings;

/// <summary>
/// Where a finding's subject can be looked at: the token, integration, person or account page, the events of an
/// unattributed account, or the access reviews. A subject the ledger has no page for is shown as text.
/// </summary>
public static class FindingSubject
{
    /// <summary>An "unattributed activity" subject is "ACCOUNT | CLIENT"; a reset still waited for is "TOKEN / INTEGRATION".</summary>
    private const string ActivitySeparator = " | ";
    private const string UsageSeparator = " / ";

    /// <summary>A secret found by <c>ledger scan --record</c> is "TOKEN @ FILE:LINE:COLUMN".</summary>
    private const string ExposureSeparator = " @ ";
    private const string UnknownAccount = "unknown account";

    /// <summary>The subject's parts, each a text and the address it links to (null for none).</summary>
    public static IReadOnlyList<(string Text, string? Href)> Links(IUrlHelper url, string subjectType, string subject) => subjectType switch
    {
        "Token" => [(subject, url.Page("/Tokens/Details", new { label = subject }))],
        "Integration" => [(subject, url.Page("/Integrations/Details", new { name = subject }))],
        "Person" => [(subject, url.Page("/People/Details", new { email = subject }))],
        // The access rules' findings name the Salesforce account by its username.
        "Account" => [(subject, url.Page("/Accounts/Details", new { username = subject }))],
        "AccessReview" => [(subject, url.Page("/Reviews/Index"))],
        // A label may itself hold " / " or " | "; splitting at the first keeps the token's or account's part whole in every case but that one.
        "TokenUsage" when Split(subject, UsageSeparator) is (var token, var integration) =>
            [(token, url.Page("/Tokens/Details", new { label = token })), (UsageSeparator, null), (integration, url.Page("/Integrations/Details", new { name = integration }))],
        // The place is on the machine that scanned, so only the token has a page.
        "SecretExposure" when Split(subject, ExposureSeparator) is (var token, var place) =>
            [(token, url.Page("/Tokens/Details", new { label = token })), (ExposureSeparator + place, null)],
        // Activity of no known account has nothing to filter the events by.
        "Activity" when Split(subject, ActivitySeparator) is (var account, var client) && account != UnknownAccount =>
            [(account, url.Page("/Events/Index", new { account })), (ActivitySeparator + client, null)],
        _ => [(subject, null)],
    };

    private static (string, string)? Split(string subject, string separator)
    {
        var at = subject.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 && at + separator.Length < subject.Length ? (subject[..at], subject[(at + separator.Length)..]) : null;
    }
}
