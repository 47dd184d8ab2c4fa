using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>
/// Registers a credential. <see cref="Secret"/> is optional: without it the token is recorded but cannot
/// be recognised later by <c>token find</c>.
/// </summary>
public sealed record AddToken(
    string Label,
    TokenKind Kind,
    string OwnerEmail,
    string? Account = null,
    string? AccountUserId = null,
    int? RotateEveryDays = null,
    DateTime? IssuedAt = null,
    DateTime? LastRotatedAt = null,
    Secret? Secret = null);

public sealed class AddTokenValidator : AbstractValidator<AddToken>
{
    public AddTokenValidator(DateTime now)
    {
        RuleFor(r => r.Label).NotEmpty().MaximumLength(FieldLimits.Name);
        RuleFor(r => r.OwnerEmail).NotEmpty().EmailAddress();
        RuleFor(r => r.Account).MaximumLength(FieldLimits.Email);
        RuleFor(r => r.AccountUserId)
            .Must(id => SalesforceId.TryNormalize(id, out _))
            .When(r => !string.IsNullOrWhiteSpace(r.AccountUserId))
            .WithMessage("'{PropertyValue}' is not a Salesforce user id (15 or 18 characters with a valid checksum).");
        RuleFor(r => r.AccountUserId).Empty().When(r => string.IsNullOrWhiteSpace(r.Account))
            .WithMessage("A user id needs the account's username too.");
        RuleFor(r => r.RotateEveryDays).InclusiveBetween(1, 3650);
        RuleFor(r => r.IssuedAt).Must(t => t is null || LedgerDates.IsPlausible(t.Value, now)).WithMessage(LedgerDates.PlausibleMessage);
        RuleFor(r => r.LastRotatedAt).Must(t => t is null || LedgerDates.IsPlausible(t.Value, now)).WithMessage(LedgerDates.PlausibleMessage);
        RuleFor(r => r.LastRotatedAt).GreaterThanOrEqualTo(r => r.IssuedAt).When(r => r.IssuedAt is not null && r.LastRotatedAt is not null)
            .WithMessage("A token cannot have been rotated before it was issued.");
    }
}

public sealed class AddTokenHandler(Ledger ledger)
{
    public async Task<TokenSummary> HandleAsync(AddToken request, CancellationToken cancellationToken = default)
    {
        await new AddTokenValidator(ledger.Now).ValidateAndThrowAsync(request, cancellationToken);
        var fingerprint = request.Secret is null ? null : ledger.Key.Fingerprint(request.Secret);

        await using var change = await ledger.BeginChangeAsync(AuditActions.TokenAdd, cancellationToken);
        var db = ledger.Db;
        var label = request.Label.Trim();
        if (await db.Tokens.AnyAsync(t => t.Label == label, cancellationToken))
            throw new DomainException($"A token labelled '{label}' is already in the ledger.");
        if (fingerprint is not null)
            await RegisteredSecrets.EnsureNeverRegisteredAsync(db, fingerprint.Hash, tokenBeingReset: null, cancellationToken);

        var owner = await db.RequirePersonAsync(request.OwnerEmail, cancellationToken);
        owner.EnsureCanBeGivenNewTokens();
        var account = request.Account is null ? null : await FindOrCreateAccountAsync(request, owner.Id, owner.Email, cancellationToken);

        var now = ledger.Now;
        // Recording a token that already exists often means knowing only when it was last reset.
        var issuedAt = request.IssuedAt ?? request.LastRotatedAt ?? now;
        var token = new Token(label, request.Kind, owner, account?.Id, fingerprint, issuedAt, request.LastRotatedAt ?? issuedAt, request.RotateEveryDays, now);
        db.Tokens.Add(token);
        await change.CommitAsync(cancellationToken);
        return TokenSummary.From(token, owner.Email, account?.Username, now, new Dictionary<Guid, string>());
    }

    /// <summary>
    /// Accounts are recorded the first time a token names them. An account named like its owner's email is
    /// the owner's own login; any other is an integration user the owner answers for.
    /// </summary>
    private async Task<Account> FindOrCreateAccountAsync(AddToken request, Guid ownerId, string ownerEmail, CancellationToken cancellationToken)
    {
        var existing = await ledger.Db.FindAccountAsync(request.Account!, cancellationToken);
        var userId = string.IsNullOrWhiteSpace(request.AccountUserId) ? null : SalesforceId.Normalize(request.AccountUserId);
        if (existing is not null)
        {
            if (userId is not null)
                existing.AssignPlatformUserId(userId);
            return existing;
        }
        var username = Account.NormalizeUsername(request.Account!);
        var kind = username == ownerEmail ? AccountKind.Personal : AccountKind.Integration;
        var account = new Account(username, kind, ownerId, userId, ledger.Now);
        ledger.Db.Accounts.Add(account);
        return account;
    }
}
