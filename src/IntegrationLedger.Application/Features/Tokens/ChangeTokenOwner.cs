using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>
/// Hands a token to another owner: the way out of "decide later" at an offboarding, or of a team change.
/// The new owner must be in the ledger and not have departed.
/// </summary>
public sealed record ChangeTokenOwner(string Token, string NewOwnerEmail);

public sealed class ChangeTokenOwnerValidator : AbstractValidator<ChangeTokenOwner>
{
    public ChangeTokenOwnerValidator()
    {
        RuleFor(r => r.Token).NotEmpty();
        RuleFor(r => r.NewOwnerEmail).NotEmpty().WithMessage("Give the new owner's email.")
            .EmailAddress().MaximumLength(FieldLimits.Email);
    }
}

public sealed class ChangeTokenOwnerHandler(Ledger ledger)
{
    public async Task<TokenDetails> HandleAsync(ChangeTokenOwner request, CancellationToken cancellationToken = default)
    {
        await new ChangeTokenOwnerValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using (var change = await ledger.BeginChangeAsync(AuditActions.TokenOwner, cancellationToken))
        {
            var token = await ledger.Db.RequireTokenAsync(request.Token, cancellationToken);
            var owner = await ledger.Db.RequirePersonAsync(request.NewOwnerEmail, cancellationToken);
            if (token.OwnerId == owner.Id)
                throw new DomainException($"Token '{token.Label}' is already owned by {owner.Email}; nothing was changed.");
            token.TransferOwnership(owner);
            await change.CommitAsync(cancellationToken);
        }
        return await new ShowTokenHandler(ledger).HandleAsync(request.Token, cancellationToken);
    }
}
