using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Features.Tokens;

public sealed record RevokeToken(string Token, RevocationReason Reason, string? Note = null);

public sealed class RevokeTokenValidator : AbstractValidator<RevokeToken>
{
    public RevokeTokenValidator()
    {
        RuleFor(r => r.Token).NotEmpty();
        RuleFor(r => r.Note).MaximumLength(FieldLimits.Text);
        RuleFor(r => r.Note).NotEmpty().When(r => r.Reason == RevocationReason.Other)
            .WithMessage("Say why in a note when the reason is 'other'.");
    }
}

public sealed class RevokeTokenHandler(Ledger ledger)
{
    public async Task<TokenDetails> HandleAsync(RevokeToken request, CancellationToken cancellationToken = default)
    {
        await new RevokeTokenValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using (var change = await ledger.BeginChangeAsync(AuditActions.TokenRevoke, cancellationToken))
        {
            var token = await ledger.Db.RequireTokenAsync(request.Token, cancellationToken);
            token.Revoke(request.Reason, request.Note, ledger.Now);
            await change.CommitAsync(cancellationToken);
        }
        return await new ShowTokenHandler(ledger).HandleAsync(request.Token, cancellationToken);
    }
}
