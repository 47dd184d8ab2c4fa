namespace IntegrationLedger.Application.Features.Importing;

/// <summary>Why one row of a file was rejected: its line, the field at fault (or "row"), and the reason.</summary>
public sealed record RowError(long Line, string Field, string Reason)
{
    /// <summary>The row's time has no zone and none was given: a problem of the whole file, not of this row.</summary>
    public bool NeedsTimeZone { get; init; }

    public override string ToString() => $"line {Line}, {Field}: {Reason}";
}
