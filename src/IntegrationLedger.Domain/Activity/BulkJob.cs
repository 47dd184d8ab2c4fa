namespace IntegrationLedger.Domain.Activity;

/// <summary>
/// A Bulk API 2.0 job as the baselines count it: its state events arrive over several files, and its rows
/// (the largest count any of them gave) count once, on the day it began. Its user, object and operation are
/// what every later state event must agree with.
/// </summary>
public sealed class BulkJob
{
    public required string JobId { get; init; }
    public DateOnly Day { get; init; }
    public string? UserId { get; init; }
    public string? Username { get; init; }
    public Guid? IntegrationId { get; init; }
    public string? Entity { get; init; }
    public string? Operation { get; init; }
    public long Rows { get; init; }
    public long Bytes { get; init; }
}
