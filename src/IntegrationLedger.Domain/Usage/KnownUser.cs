namespace IntegrationLedger.Domain.Usage;

/// <summary>
/// A Salesforce user id seen together with its username in an imported file. Many exports name users
/// only by id (API, URI and Logout events, LoginHistory); this lets activity be shown, and attributed,
/// by the name people know.
/// </summary>
public sealed class KnownUser
{
    public required string UserId { get; init; }
    public required string Username { get; init; }
}
