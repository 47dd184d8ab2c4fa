using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

public enum FindingAction
{
    Acknowledge,
    Resolve,
}

/// <summary>
/// Acknowledges or resolves one finding or several at once with one note; <see cref="Ids"/> are the short ids
/// that listings show (or whole ids). All or nothing: one id that is unknown or already resolved changes none.
/// </summary>
public sealed record WorkFindings(IReadOnlyList<string> Ids, FindingAction Action, string Note)
{
    public WorkFindings(string id, FindingAction action, string note)
        : this([id], action, note)
    {
    }
}

public sealed class WorkFindingsValidator : AbstractValidator<WorkFindings>
{
    public WorkFindingsValidator()
    {
        RuleFor(r => r.Ids).NotEmpty().WithMessage("Choose at least one finding.");
        RuleForEach(r => r.Ids).NotEmpty().WithMessage("A finding's id is empty.");
        RuleFor(r => r.Note).NotEmpty().WithMessage("Say in the note what was done or decided.").MaximumLength(FieldLimits.Text);
    }
}

public sealed class WorkFindingsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<FindingView>> HandleAsync(WorkFindings request, CancellationToken cancellationToken = default)
    {
        await new WorkFindingsValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(request.Action == FindingAction.Acknowledge ? AuditActions.FindingAcknowledge : AuditActions.FindingResolve, cancellationToken);
        var ids = await ResolveIdsAsync(request.Ids, cancellationToken);
        var findings = await ledger.Db.Findings.Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        var closed = findings.Where(f => f.Status == Domain.Findings.FindingStatus.Resolved).Select(f => f.ShortId).ToList();
        if (closed.Count > 0 && findings.Count > 1)
            throw new DomainException($"{Listing(closed)} {(closed.Count == 1 ? "is" : "are")} already resolved; nothing was changed. Choose only open or acknowledged findings.");
        foreach (var finding in findings)
        {
            // Each finding is one audit entry of this change, each with the same note.
            if (request.Action == FindingAction.Acknowledge)
                finding.Acknowledge(request.Note, ledger.Actor, ledger.Now);
            else
                finding.Resolve(request.Note, ledger.Actor, ledger.Now);
        }
        await change.CommitAsync(cancellationToken);
        return findings.OrderByDescending(f => f.Severity).ThenBy(f => f.ShortId, StringComparer.Ordinal).Select(FindingView.From).ToList();
    }

    /// <summary>
    /// The findings the ids name. The stored key stays a plain GUID, so a short id (its last eight hex
    /// digits) is matched against the keys alone, which stay small even at thousands of findings.
    /// </summary>
    private async Task<HashSet<Guid>> ResolveIdsAsync(IReadOnlyList<string> wanted, CancellationToken cancellationToken)
    {
        var keys = (await ledger.Db.Findings.AsNoTracking().Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
        var byShortId = keys.ToLookup(Domain.Findings.Finding.ShortIdOf, StringComparer.Ordinal);
        var found = new HashSet<Guid>();
        var unknown = new List<string>();
        foreach (var id in wanted.Select(i => i.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            if (Guid.TryParse(id, out var whole) && keys.Contains(whole))
                found.Add(whole);
            else if (byShortId[id].ToList() is [var one])
                found.Add(one);
            else
                unknown.Add(id);
        }
        if (unknown.Count > 0)
            throw new NotFoundException($"No finding with id {Listing(unknown)} is in the ledger; nothing was changed.");
        return found;
    }

    private static string Listing(List<string> ids) =>
        string.Join(", ", ids.Take(5).Select(i => $"'{i}'")) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : "");
}
