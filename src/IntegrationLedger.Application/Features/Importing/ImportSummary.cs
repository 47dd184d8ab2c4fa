using IntegrationLedger.Application.Features.Importing.Inventory;
namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// The words an import is reported in, the same on the command line and on the web page: a heading that
/// names the file, how it was read and what became of it, and its figures ("read 12, added 0, duplicates
/// 12, rejected 0, attributed 0, unattributed 0").
/// </summary>
public sealed record ImportSummary(string Heading, string Figures)
{
    /// <summary>A sentence more, when the figures need one (an access export older than what the ledger holds).</summary>
    public string? Note { get; init; }

    public static ImportSummary Of(ImportOutcome outcome) =>
        outcome.Usage is { } usage ? Of(usage, outcome.Source.Title)
        : outcome.Access is { } access ? Of(access, outcome.Source.Title)
        : Of(outcome.Inventory!, outcome.FormatDetected, outcome.Source.Title);

    /// <summary>
    /// "Imported: user.csv as sf-users, as of 2026-11-28 23:00 UTC." and its figures; an export older than what the
    /// ledger holds says that it was kept as history only.
    /// </summary>
    private static ImportSummary Of(Access.AccessImportResult result, string title)
    {
        var c = result.Counts;
        var how = result.FormatDetected ? $"{result.Format} (recognised from the header)" : result.Format;
        var history = c.History == 0 || result.Rejected ? null
            : FormattableString.Invariant($"Older than the access already held for {c.History} account(s) (as of {result.LaterHeld:yyyy-MM-dd HH:mm} UTC): kept as history, not taken as the current state.");
        return new ImportSummary(
            FormattableString.Invariant($"{Verdict(result.DryRun, result.Committed)}: {title} as {how}, as of {result.AsOf:yyyy-MM-dd HH:mm} UTC."),
            result.Rejected
                ? FormattableString.Invariant($"read {c.Read}, rejected {c.Rejected}, changed nothing")
                : FormattableString.Invariant($"read {c.Read}, accounts {c.Accounts} ({c.AccountsAdded} new), first recorded {c.FirstRecorded}, changed {c.Changed}, unchanged {c.Unchanged}, history {c.History}, rejected {c.Rejected}"))
        {
            Note = history,
        };
    }

    private static ImportSummary Of(UsageImportResult result, string title)
    {
        var c = result.Counts;
        var how = result.FormatDetected ? $"{result.Format} (recognised from the header)" : result.Format;
        // A rejected file added nothing (every figure but the rejected rows is 0); what its good rows would
        // have done is for a dry run to say.
        return new ImportSummary(
            $"{Verdict(result.DryRun, result.Committed)}: {title} as {how}.",
            result.Rejected
                ? FormattableString.Invariant($"read {c.Read}, added 0, duplicates 0, rejected {c.Rejected}, attributed 0, unattributed 0")
                : FormattableString.Invariant($"read {c.Read}, {(result.DryRun ? "would add" : "added")} {c.Added}, duplicates {c.Duplicates}, {SetAside(result)}rejected {c.Rejected}, attributed {c.Attributed}, unattributed {c.Unattributed}"))
        {
            Note = result.Rejected ? null : UnknownUsersNote(result.UnknownUsers),
        };
    }

    /// <summary>How many of the users an unknown-users sentence names; the JSON details list them all.</summary>
    public const int UnknownUsersShown = 10;

    /// <summary>
    /// "2 Threat Detection events for users the ledger does not know: x@example.com (1), 005xx000001Yp8LAAS (1)." and
    /// what to do about them; null when there are none.
    /// </summary>
    public static string? UnknownUsersNote(IReadOnlyList<UnknownUserEvents> unknown)
    {
        if (unknown.Count == 0)
            return null;
        var events = unknown.Sum(u => u.Events);
        var named = string.Join(", ", unknown.Take(UnknownUsersShown).Select(u => FormattableString.Invariant($"{u.User ?? "no user named"} ({u.Events})")));
        var more = unknown.Count > UnknownUsersShown ? FormattableString.Invariant($" and {unknown.Count - UnknownUsersShown} more") : "";
        return FormattableString.Invariant($"{events} Threat Detection event{(events == 1 ? "" : "s")} for {(unknown.Count == 1 ? "a user" : "users")} the ledger does not know: ") +
            named + more + ". They are kept; salesforce-threat-detection reports them once the ledger has their accounts (an sf-users import).";
    }

    /// <summary>"set aside 12 (UITracking 12), ", for a file holding types the ledger does not use; nothing otherwise.</summary>
    private static string SetAside(UsageImportResult result) =>
        result.Counts.SetAside == 0 ? ""
        : FormattableString.Invariant($"set aside {result.Counts.SetAside} ({Domain.Importing.ImportBatch.DescribeSetAside(result.SetAsideTypes)}), ");

    private static ImportSummary Of(InventoryImportResult result, bool detected, string title)
    {
        var c = result.Counts;
        return new ImportSummary(
            $"{Verdict(result.DryRun, result.Committed)}: {title} as {(InventoryTemplates.Exports.Any(e => e.Name == result.Template) ? result.Template : $"the {result.Template} template")}{(detected ? " (recognised from the header)" : "")}.",
            result.Rejected
                ? FormattableString.Invariant($"read {c.Read}, rejected {c.Rejected}, changed nothing")
                : FormattableString.Invariant($"read {c.Read}, created {c.Created}, updated {c.Updated}, unchanged {c.Unchanged}, rejected {c.Rejected}"));
    }

    private static string Verdict(bool dryRun, bool committed) =>
        dryRun ? "Dry run, nothing written" : committed ? "Imported" : "Rejected, nothing imported";
}
