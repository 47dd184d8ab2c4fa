using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Accounts;

/// <summary>
/// A login identity on a platform (a Salesforce username and user id), answered for by a person. An account
/// first seen in an access export whose email matches nobody in the ledger has no owner until one is given.
/// </summary>
public sealed class Account
{
    public const string Salesforce = "salesforce";

    private Account()
    {
        Platform = null!;
        Username = null!;
    }

    public Account(string username, AccountKind kind, Guid? ownerId, string? platformUserId, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Platform = Salesforce;
        Username = NormalizeUsername(username);
        Kind = kind;
        OwnerId = ownerId;
        PlatformUserId = platformUserId is null ? null : SalesforceId.Normalize(platformUserId);
        CreatedAt = Guard.Utc(createdAt, nameof(createdAt));
    }

    public Guid Id { get; private set; }
    public string Platform { get; private set; }
    public string Username { get; private set; }
    public AccountKind Kind { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? PlatformUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Records the account's Salesforce user id once it is known; a different id is a mistake, not an update.</summary>
    public void AssignPlatformUserId(string platformUserId)
    {
        var normalized = SalesforceId.Normalize(platformUserId);
        if (PlatformUserId is not null && PlatformUserId != normalized)
            throw new DomainException($"Account '{Username}' is recorded with user id {PlatformUserId}, not {normalized}.");
        PlatformUserId = normalized;
    }

    /// <summary>Salesforce usernames look like emails and match case-insensitively.</summary>
    public static string NormalizeUsername(string username) =>
        Guard.Required(username, "An account username").ToLowerInvariant();
}
