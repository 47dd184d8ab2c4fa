using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.Findings;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

/// <summary>Which findings a list shows by where they stand: one status, the ones still to work (open or acknowledged), or all.</summary>
public enum FindingState
{
    Open,
    Acknowledged,
    Resolved,

    /// <summary>Open or acknowledged: what the dashboard counts as open.</summary>
    Unresolved,
    Any,
}

/// <summary>
/// A page of findings as the last run of the rules left them: searched by subject or summary; filtered by
/// severity, rule, state and subject kind; most severe and most recently seen first unless sorted otherwise.
/// </summary>
public sealed record ListFindingPage(
    ListQuery List,
    FindingState State = FindingState.Open,
    Severity? Severity = null,
    string? Rule = null,
    string? SubjectType = null);

public sealed class ListFindingPageHandler(Ledger ledger)
{
    public static SortColumns<Finding> Columns { get; } = new SortColumns<Finding>()
        // Severities are stored by name; their rank is spelled out so that "critical" sorts above "low".
        .Add("severity", f => f.Severity == Severity.Critical ? 3 : f.Severity == Severity.High ? 2 : f.Severity == Severity.Medium ? 1 : 0, descendingByDefault: true)
        .Add("rule", f => f.RuleId)
        .Add("subject", f => f.SubjectKey)
        .Add("status", f => f.Status)
        .Add("first-seen", f => f.FirstSeenAt, descendingByDefault: true)
        .Add("last-seen", f => f.LastSeenAt, descendingByDefault: true)
        .TieBrokenBy(f => f.LastSeenAt, descending: true)
        .TieBrokenBy(f => f.Id);

    private static readonly ExportColumns<Finding> Csv = new()
    {
        { "id", f => f.ShortId }, { "rule", f => f.RuleId }, { "severity", f => f.Severity }, { "subjectType", f => f.SubjectType }, { "subject", f => f.SubjectKey },
        { "summary", f => f.Summary }, { "status", f => f.Status }, { "firstSeenAt", f => f.FirstSeenAt }, { "lastSeenAt", f => f.LastSeenAt },
        { "note", f => f.Note }, { "actedBy", f => f.ActedBy }, { "closedAt", f => f.ClosedAt }, { "closedReason", f => f.ClosedReason },
    };

    public async Task<ListPage<FindingView>> PageAsync(ListFindingPage request, CancellationToken cancellationToken = default) =>
        (await Filtered(request).PageAsync(Columns, request.List, cancellationToken)).Select(FindingView.From);

    public ListExport Export(ListFindingPage request) => Csv.Export("findings", Columns.Apply(Filtered(request), request.List));

    private IQueryable<Finding> Filtered(ListFindingPage request)
    {
        var findings = ledger.Db.Findings.AsNoTracking();
        if (request.List.Search is { } search)
        {
            var pattern = ListQueries.Containing(search);
            findings = findings.Where(f => EF.Functions.Like(f.SubjectKey, pattern, ListQueries.LikeEscape) || EF.Functions.Like(f.Summary, pattern, ListQueries.LikeEscape));
        }
        findings = request.State switch
        {
            FindingState.Open => findings.Where(f => f.Status == FindingStatus.Open),
            FindingState.Acknowledged => findings.Where(f => f.Status == FindingStatus.Acknowledged),
            FindingState.Resolved => findings.Where(f => f.Status == FindingStatus.Resolved),
            FindingState.Unresolved => findings.Where(f => f.Status != FindingStatus.Resolved),
            _ => findings,
        };
        if (request.Severity is { } severity)
            findings = findings.Where(f => f.Severity == severity);
        if (!string.IsNullOrWhiteSpace(request.Rule))
            findings = findings.Where(f => f.RuleId == request.Rule.Trim());
        if (!string.IsNullOrWhiteSpace(request.SubjectType))
            findings = findings.Where(f => f.SubjectType == request.SubjectType.Trim());
        return findings;
    }

    /// <summary>The kinds of subject findings are about (token, integration, account...), for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> SubjectTypesAsync(CancellationToken cancellationToken = default) =>
        await ledger.Db.Findings.AsNoTracking().Select(f => f.SubjectType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
}
