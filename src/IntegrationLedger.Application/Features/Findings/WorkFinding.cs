using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Findings;

public enum FindingAction
{
    Acknowledge,
    Resolve,
}

/// <summary>Acknowledges or resolves a finding with a note; <see cref="Id"/> is the short id that listings show.</summary>
public sealed record WorkFinding(string Id, FindingAction Action, string Note);

public sealed class WorkFindingValidator : AbstractValidator<WorkFinding>
{
    public WorkFindingValidator()
    {
        RuleFor(r => r.Id).NotEmpty();
        RuleFor(r => r.Note).NotEmpty().WithMessage("Say what was done or decided in --note.").MaximumLength(FieldLimits.Text);
    }
}

public sealed class WorkFindingHandler(Ledger ledger)
{
    public async Task<FindingView> HandleAsync(WorkFinding request, CancellationToken cancellationToken = default)
    {
        await new WorkFindingValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(request.Action == FindingAction.Acknowledge ? AuditActions.FindingAcknowledge : AuditActions.FindingResolve, cancellationToken);
        var wanted = request.Id.Trim().ToLowerInvariant();
        // Findings are few; matching the short id in memory keeps the stored key a plain GUID.
        var finding = (await ledger.Db.Findings.ToListAsync(cancellationToken)).SingleOrDefault(f => f.ShortId == wanted || f.Id.ToString() == wanted)
            ?? throw new NotFoundException($"No finding with id '{request.Id}' is in the ledger (run 'ledger findings' to see them).");
        if (request.Action == FindingAction.Acknowledge)
            finding.Acknowledge(request.Note, ledger.Actor, ledger.Now);
        else
            finding.Resolve(request.Note, ledger.Actor, ledger.Now);
        await change.CommitAsync(cancellationToken);
        return FindingView.From(finding);
    }
}
