using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Testing;

/// <summary>
/// The one clock of the tests: a fixed start, and fake time providers that stand still until a test moves them.
/// Ledgers copied from a template were created at these moments, so their first audit entry agrees with the clock.
/// </summary>
public static class TestClock
{
    /// <summary>Where the domain, application and command-line tests start: 1 July 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Start"/> as the UTC <see cref="DateTime"/> the domain works in.</summary>
    public static DateTime StartUtc => Start.UtcDateTime;

    /// <summary>Where the web tests start: 2 November 2026, 09:00 UTC, in the fourth quarter.</summary>
    public static readonly DateTimeOffset WebStart = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A clock standing at <paramref name="start"/> (<see cref="Start"/> if not given).</summary>
    public static FakeTimeProvider Create(DateTimeOffset? start = null) => new(start ?? Start);
}
