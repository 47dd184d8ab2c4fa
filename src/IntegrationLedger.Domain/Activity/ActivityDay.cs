namespace IntegrationLedger.Domain.Activity;

/// <summary>
/// One integration's (or account's) activity on one UTC day: the baseline the anomaly rules judge a day
/// against. Kept up to date by each import, in its transaction, so no rule rescans the events.
/// </summary>
public sealed class ActivityDay
{
    public ActivityScope Scope { get; init; }

    /// <summary>The integration's id (upper-case text) or the account's username.</summary>
    public required string Subject { get; init; }

    public DateOnly Day { get; init; }

    /// <summary>Requests made; a Bulk API 2.0 job counts once, however many state events it wrote.</summary>
    public long Calls { get; init; }

    /// <summary>Requests and logins that failed.</summary>
    public long Failures { get; init; }

    /// <summary>Rows read or written; a Bulk API 2.0 job's rows count once, on the day it began.</summary>
    public long Rows { get; init; }

    /// <summary>Bytes returned to the caller.</summary>
    public long Bytes { get; init; }

    /// <summary>Distinct objects touched that day (see <see cref="ActivityObject"/>).</summary>
    public long Objects { get; init; }

    /// <summary>Distinct source addresses that day (see <see cref="ActivitySource"/>).</summary>
    public long Sources { get; init; }
}
