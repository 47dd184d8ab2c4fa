using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

public sealed record PersonDetails(
    PersonSummary Person,
    IReadOnlyList<PersonAccount> Accounts,
    IReadOnlyList<PersonToken> Tokens,
    IReadOnlyList<string> IntegrationsOwned)
{
    /// <summary>Security training completed, latest first.</summary>
    public IReadOnlyList<TrainingView> Training { get; init; } = [];
}

public sealed record PersonAccount(string Username, AccountKind Kind, string? PlatformUserId);

public sealed record PersonToken(string Label, TokenKind Kind, TokenStatus Status, DateTime? RotationDueAt);

public sealed class ShowPersonHandler(Ledger ledger)
{
    public async Task<PersonDetails> HandleAsync(string email, CancellationToken cancellationToken = default)
    {
        var db = ledger.Db;
        var person = await db.RequirePersonAsync(email, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OwnerId == person.Id).OrderBy(a => a.Username)
            .Select(a => new PersonAccount(a.Username, a.Kind, a.PlatformUserId)).ToListAsync(cancellationToken);
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.OwnerId == person.Id).OrderBy(t => t.Label).ToListAsync(cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Where(i => i.OwnerId == person.Id).OrderBy(i => i.Name)
            .Select(i => i.Name).ToListAsync(cancellationToken);
        var training = await db.TrainingRecords.AsNoTracking().Where(t => t.PersonId == person.Id)
            .OrderByDescending(t => t.CompletedOn).ThenBy(t => t.Course).ToListAsync(cancellationToken);
        return new PersonDetails(
            PersonSummary.From(person),
            accounts,
            tokens.Select(t => new PersonToken(t.Label, t.Kind, t.Status, t.RotationDueAt)).ToList(),
            integrations)
        {
            Training = training.Select(RecordTrainingHandler.View).ToList(),
        };
    }
}
