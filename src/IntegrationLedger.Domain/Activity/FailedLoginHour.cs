namespace IntegrationLedger.Domain.Activity;

/// <summary>Failed logins of one account in one UTC hour: what login-failure-burst judges, without rescanning the events.</summary>
public sealed class FailedLoginHour
{
    public required string Username { get; init; }

    /// <summary>The hour's start, in UTC.</summary>
    public DateTime Hour { get; init; }

    public long Failures { get; init; }
    public DateTime FirstAt { get; init; }
    public DateTime LastAt { get; init; }
}
