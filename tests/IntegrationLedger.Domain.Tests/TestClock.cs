namespace IntegrationLedger.Domain.Tests;

internal static class TestClock
{
    public static readonly DateTime Start = new(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc);
}
