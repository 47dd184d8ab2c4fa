namespace IntegrationLedger.Application.Features.Users;

/// <summary>
/// How a run of failed sign-ins is slowed: <see cref="FreeFailures"/> cost nothing (people mistype), then each
/// further failure makes the next attempt wait, twice as long each time, never longer than <see cref="LongestWait"/>.
/// </summary>
public sealed record SlowDown(int FreeFailures, TimeSpan FirstWait, TimeSpan LongestWait)
{
    /// <summary>How long to wait after the <paramref name="failures"/>th failure in a row before the next attempt is checked.</summary>
    public TimeSpan WaitAfter(int failures)
    {
        if (failures < FreeFailures)
            return TimeSpan.Zero;
        // Past 2^30 times the first wait, the cap has long been reached; the shift stays clear of overflow.
        var doublings = Math.Min(failures - FreeFailures, 30);
        return TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << doublings));
    }
}
