namespace IntegrationLedger.Domain.Activity;

/// <summary>A source address an integration or account was active from on a day.</summary>
public sealed class ActivitySource
{
    public ActivityScope Scope { get; init; }
    public required string Subject { get; init; }
    public DateOnly Day { get; init; }
    public required string Source { get; init; }
    public long Calls { get; init; }
}
