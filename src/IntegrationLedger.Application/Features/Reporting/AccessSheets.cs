using IntegrationLedger.Application.Features.Reporting.Sheets;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// What the workbook shows of security beyond tokens, as of the end of the period (<see cref="ReplayedAccess"/>):
/// each account's access level, the period's changes of access, the training records, and the Summary's access figures.
/// </summary>
/// <param name="AnyExport">Whether any access export described a moment before the end: without one, a coverage of 0% would be a false alarm.</param>
internal sealed record AccessSheets(IReadOnlyList<AccessLevelRow> Levels, IReadOnlyList<AccessChangeRow> Changes, IReadOnlyList<TrainingRow> Training, bool AnyExport)
{
    public const string MfaCoverage = "MFA coverage: accounts that sign in through the browser with a strong method";
    public const string LeastPrivilege = "Least-privileged integration accounts";
    public const string NoExports = "no access exports: import the Salesforce User, PermissionSetAssignment and TwoFactorMethodsInfo exports (ledger import auto)";

    public static AccessSheets Read(AuditReplay replay, Quarter quarter, DateTime end, ReportNames names, IEnumerable<Domain.Access.AccessSnapshot> snapshots)
    {
        var access = ReplayedAccess.From(replay, end, names, snapshots);
        var changes = access.Accounts.SelectMany(a => AccessChangeRow.Of(a, quarter.StartUtc))
            .OrderBy(r => r.AsOf).ThenBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Facet).ToList();
        var training = replay.Rows(nameof(TrainingRecord)).Select(t => TrainingRow.From(t, names))
            .OrderBy(r => r.Person, StringComparer.Ordinal).ThenBy(r => r.CompletedOn).ThenBy(r => r.Course, StringComparer.Ordinal).ToList();
        return new AccessSheets(access.Accounts.Select(AccessLevelRow.From).ToList(), changes, training, access.AnyExport);
    }

    /// <summary>The Summary's access figures, each as N (the value) of M and a rate (the note), at <paramref name="asAt"/>.</summary>
    public IEnumerable<FigureRow> Figures(string asAt)
    {
        if (!AnyExport)
        {
            yield return new FigureRow(MfaCoverage, null, NoExports);
            yield return new FigureRow(LeastPrivilege, null, NoExports);
            yield break;
        }
        var browser = Levels.Where(l => l.SignsInThroughBrowser == true).ToList();
        var strong = browser.Count(l => l.StrongMfa == true);
        var untold = browser.Count(l => l.StrongMfa is null);
        yield return new FigureRow(MfaCoverage, strong, browser.Count == 0
            ? $"no account signs in through the browser, {asAt}"
            : $"{strong} of {browser.Count} ({Percent(strong, browser.Count)}) of the accounts that sign in through the browser, {asAt}"
                + (untold == 0 ? "" : $"; {untold} of them in no TwoFactorMethodsInfo export yet, counted as without")
                + (strong == browser.Count ? "" : "; the others are highlighted on the Access levels sheet"));

        // An account that cannot sign in still counts: its permissions return with it if it is reactivated (as integration-over-privileged says).
        var integration = Levels.Where(l => l.IntegrationAccount && l.LeastPrivileged is not null).ToList();
        var least = integration.Count(l => l.LeastPrivileged == true);
        var untoldIntegration = Levels.Count(l => l.IntegrationAccount && l.LeastPrivileged is null);
        yield return new FigureRow(LeastPrivilege, least, (integration.Count == 0
            ? $"no integration account's permission sets are known, {asAt}"
            : $"{least} of {integration.Count} ({Percent(least, integration.Count)}) of the integration accounts hold none of the powerful permissions, {asAt}"
                + (least == integration.Count ? "" : "; the others are highlighted on the Access levels sheet"))
            + (untoldIntegration == 0 ? "" : $"; {untoldIntegration} more in no PermissionSetAssignment export yet, left out"));
    }

    private static string Percent(int count, int of) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * count / of:0.0}%");
}
