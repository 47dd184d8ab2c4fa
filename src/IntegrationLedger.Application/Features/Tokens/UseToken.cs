using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Records that an integration is configured with a token, why, since when and by whom.</summary>
public sealed record UseToken(string Token, string Integration, string Purpose, string? SetUpBy = null, DateTime? Since = null);

public sealed class UseTokenValidator : AbstractValidator<UseToken>
{
    public UseTokenValidator(DateTime now)
    {
        RuleFor(r => r.Token).NotEmpty();
        RuleFor(r => r.Integration).NotEmpty();
        RuleFor(r => r.Purpose).NotEmpty().WithMessage("Say what the token is used for: a usage without a purpose cannot be reviewed.").MaximumLength(FieldLimits.Text);
        RuleFor(r => r.Since).Must(t => t is null || LedgerDates.IsPlausible(t.Value, now)).WithMessage(LedgerDates.PlausibleMessage);
        RuleFor(r => r.SetUpBy).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.SetUpBy));
    }
}

public sealed class UseTokenHandler(Ledger ledger)
{
    public async Task<TokenDetails> HandleAsync(UseToken request, CancellationToken cancellationToken = default)
    {
        await new UseTokenValidator(ledger.Now).ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.TokenUse, cancellationToken);
        var db = ledger.Db;

        var token = await db.RequireTokenAsync(request.Token, cancellationToken);
        var integration = await db.RequireIntegrationAsync(request.Integration, cancellationToken);
        var setUpBy = string.IsNullOrWhiteSpace(request.SetUpBy) ? null : await db.RequirePersonAsync(request.SetUpBy, cancellationToken);
        token.Use(integration.Id, integration.Name, request.Purpose, request.Since ?? ledger.Now, setUpBy?.Id, ledger.Now);
        await change.CommitAsync(cancellationToken);
        return await new ShowTokenHandler(ledger).HandleAsync(token.Label, cancellationToken);
    }
}
