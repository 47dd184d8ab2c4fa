namespace IntegrationLedger.Application.Features.Importing;

/// <summary>Why one row of a file was rejected: its line, the field at fault (or "row"), and the reason.</summary>
public sealed record RowError(long Line, string Field, string Reason)
{
    /// <summary>The row's time has no zone and none was given: a problem of the whole file, not of this row.</summary>
    public bool NeedsTimeZone { get; init; }

    public override string ToString() => $"line {Line}, {Field}: {Reason}";
}

internal static class RowErrors
{
    /// <summary>The errors gathered since the last call, each handed out once, for the readers' <c>TakeErrors</c>.</summary>
    public static IReadOnlyList<RowError> Drain(this List<RowError> errors)
    {
        if (errors.Count == 0)
            return [];
        var taken = errors.ToList();
        errors.Clear();
        return taken;
    }

    /// <summary>A cell's value as the importers read it: trimmed, and null when there is nothing but spaces.</summary>
    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
