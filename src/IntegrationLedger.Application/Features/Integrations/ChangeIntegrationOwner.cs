using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Integrations;

/// <summary>
/// Gives an integration a new owner: the way out of "decide later" at an offboarding, or of a team change.
/// The new owner must be in the ledger and not have departed.
/// </summary>
public sealed record ChangeIntegrationOwner(string Integration, string NewOwnerEmail);

public sealed class ChangeIntegrationOwnerValidator : AbstractValidator<ChangeIntegrationOwner>
{
    public ChangeIntegrationOwnerValidator()
    {
        RuleFor(r => r.Integration).NotEmpty();
        RuleFor(r => r.NewOwnerEmail).NotEmpty().WithMessage("Give the new owner's email.")
            .EmailAddress().MaximumLength(FieldLimits.Email);
    }
}

public sealed class ChangeIntegrationOwnerHandler(Ledger ledger)
{
    public async Task<IntegrationDetails> HandleAsync(ChangeIntegrationOwner request, CancellationToken cancellationToken = default)
    {
        await new ChangeIntegrationOwnerValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using (var change = await ledger.BeginChangeAsync(AuditActions.IntegrationOwner, cancellationToken))
        {
            var integration = await ledger.Db.RequireIntegrationAsync(request.Integration, cancellationToken);
            var owner = await ledger.Db.RequirePersonAsync(request.NewOwnerEmail, cancellationToken);
            if (integration.OwnerId == owner.Id)
                throw new DomainException($"'{integration.Name}' is already owned by {owner.Email}; nothing was changed.");
            integration.TransferOwnership(owner);
            await change.CommitAsync(cancellationToken);
        }
        return await new ShowIntegrationHandler(ledger).HandleAsync(request.Integration, cancellationToken);
    }
}
