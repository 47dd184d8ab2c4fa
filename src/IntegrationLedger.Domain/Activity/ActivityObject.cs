namespace IntegrationLedger.Domain.Activity;

/// <summary>An object (entity) an integration or account touched on a day, with how much: first-seen objects and a day's top objects come from here.</summary>
public sealed class ActivityObject
{
    public ActivityScope Scope { get; init; }
    public required string Subject { get; init; }
    public DateOnly Day { get; init; }
    public required string Entity { get; init; }
    public long Calls { get; init; }
    public long Rows { get; init; }
}
