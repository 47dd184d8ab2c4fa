namespace IntegrationLedger.Cli.Demo;

/// <summary>A clock that reads the time it was last set to, so the demo can record things at the moments its story needs.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
