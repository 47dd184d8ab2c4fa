using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Features.Integrations;

public sealed record VetIntegration(
    string Integration,
    DateOnly ReviewedOn,
    string Reviewer,
    VettingOutcome Outcome,
    string? Evidence,
    DateOnly? NextReviewOn);

public sealed class VetIntegrationValidator : AbstractValidator<VetIntegration>
{
    public VetIntegrationValidator()
    {
        RuleFor(r => r.Integration).NotEmpty();
        RuleFor(r => r.Reviewer).NotEmpty().MaximumLength(FieldLimits.Name);
        RuleFor(r => r.Evidence).MaximumLength(FieldLimits.Text);
    }
}

public sealed class VetIntegrationHandler(Ledger ledger)
{
    public async Task<IntegrationDetails> HandleAsync(VetIntegration request, CancellationToken cancellationToken = default)
    {
        await new VetIntegrationValidator().ValidateAndThrowAsync(request, cancellationToken);
        if (request.ReviewedOn > DateOnly.FromDateTime(ledger.Now))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(request.ReviewedOn), "A review cannot be recorded for a date in the future.")]);

        await using var change = await ledger.BeginChangeAsync(AuditActions.IntegrationVet, cancellationToken);
        var integration = await ledger.Db.RequireIntegrationAsync(request.Integration, cancellationToken);
        // Without a stated next review, a vendor is re-vetted after a year, the usual third-party review cycle.
        var nextReview = request.NextReviewOn ?? request.ReviewedOn.AddYears(1);
        integration.RecordVetting(request.ReviewedOn, request.Reviewer, request.Outcome, request.Evidence, nextReview, ledger.Now);
        await change.CommitAsync(cancellationToken);
        return await new ShowIntegrationHandler(ledger).HandleAsync(integration.Name, cancellationToken);
    }
}
