using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

/// <summary>
/// Records that a person left on a date. With <see cref="RevokeTokens"/> their active tokens are revoked;
/// with <see cref="ReassignTo"/> what stays active (tokens not revoked, integrations) passes to a colleague.
/// </summary>
public sealed record OffboardPerson(string Email, DateOnly On, bool RevokeTokens = false, string? ReassignTo = null);

public sealed record OffboardingPlan(
    PersonSummary Person,
    IReadOnlyList<OffboardingToken> Tokens,
    IReadOnlyList<string> IntegrationsOwned,
    IReadOnlyList<ConfiguredUsage> UsagesConfigured,
    string? ReassignedTo);

/// <summary>A token the departed person owned: what became of it, and the integrations that use it.</summary>
public sealed record OffboardingToken(string Label, TokenKind Kind, TokenStatus Status, IReadOnlyList<string> UsedBy, string Action);

/// <summary>A token usage the departed person set up, whoever owns the token.</summary>
public sealed record ConfiguredUsage(string Integration, string Token);

public sealed class OffboardPersonValidator : AbstractValidator<OffboardPerson>
{
    public OffboardPersonValidator(DateTime now)
    {
        RuleFor(r => r.Email).NotEmpty();
        RuleFor(r => r.On).Must(on => on <= DateOnly.FromDateTime(now))
            .WithMessage("A departure is recorded once it has happened; '{PropertyValue}' is in the future.");
        RuleFor(r => r.On).Must(on => LedgerDates.IsPlausible(on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), now)).WithMessage(LedgerDates.PlausibleMessage);
        RuleFor(r => r.ReassignTo)
            .Must((request, other) => !string.Equals(other?.Trim(), request.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Work cannot be reassigned to the person who is leaving.");
    }
}

public sealed class OffboardPersonHandler(Ledger ledger)
{
    public async Task<OffboardingPlan> HandleAsync(OffboardPerson request, CancellationToken cancellationToken = default)
    {
        await new OffboardPersonValidator(ledger.Now).ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.PersonOffboard, cancellationToken);
        var db = ledger.Db;

        var person = await db.RequirePersonAsync(request.Email, cancellationToken);
        var successor = request.ReassignTo is null ? null : await db.RequirePersonAsync(request.ReassignTo, cancellationToken);
        successor?.EnsureCanBeGivenNewTokens();
        person.Offboard(request.On);

        var tokens = await db.Tokens.Include(t => t.Usages).Where(t => t.OwnerId == person.Id).OrderBy(t => t.Label).ToListAsync(cancellationToken);
        var integrations = await db.Integrations.Where(i => i.OwnerId == person.Id).OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var integrationNames = await db.Integrations.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var configured = await db.TokenUsages.AsNoTracking()
            .Where(u => u.SetUpById == person.Id && u.Status != TokenUsageStatus.Ended)
            .Join(db.Tokens, u => u.TokenId, t => t.Id, (u, t) => new { u.IntegrationId, t.Label })
            .ToListAsync(cancellationToken);

        var planTokens = new List<OffboardingToken>();
        foreach (var token in tokens)
        {
            var usedBy = token.UsagesInEffect.Select(u => integrationNames[u.IntegrationId]).Order().ToList();
            var action = !token.IsActive ? "none (already " + token.Status.ToString().ToLowerInvariant() + ")"
                : request.RevokeTokens ? "revoked"
                : successor is not null ? "reassigned"
                : "revoke or reassign";
            if (token.IsActive && request.RevokeTokens)
                token.Revoke(RevocationReason.Offboarding, $"{person.Email} departed on {request.On:yyyy-MM-dd}", ledger.Now);
            else if (token.IsActive && successor is not null)
                token.TransferOwnership(successor);
            planTokens.Add(new OffboardingToken(token.Label, token.Kind, token.Status, usedBy, action));
        }
        if (successor is not null)
        {
            foreach (var integration in integrations)
                integration.TransferOwnership(successor);
            // Items of a running access review follow the work to the successor.
            var waiting = await db.AccessReviews.Include(r => r.Items).Where(r => r.CompletedAt == null).SelectMany(r => r.Items)
                .Where(i => i.OwnerId == person.Id && i.Decision == null).ToListAsync(cancellationToken);
            foreach (var item in waiting)
                item.Reassign(successor.Id);
        }

        await change.CommitAsync(cancellationToken);
        return new OffboardingPlan(
            PersonSummary.From(person),
            planTokens,
            integrations.Select(i => i.Name).ToList(),
            configured.Select(c => new ConfiguredUsage(integrationNames[c.IntegrationId], c.Label))
                .OrderBy(c => c.Integration).ThenBy(c => c.Token).ToList(),
            successor?.Email);
    }
}
