using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// One fact a file writes in two columns: a primary one, and a fallback read only when the primary is
/// empty (Event Monitoring's TIMESTAMP and TIMESTAMP_DERIVED, USER_ID and USER_ID_DERIVED; two spellings
/// of one field, such as the Setup Audit Trail's Date and CreatedDate). Each column is checked on its own
/// before <see cref="Choose"/>, so a malformed primary is a bad row even beside a sound fallback: a file
/// that writes one broken value may have broken others that still parse. When both hold a sound value,
/// they must agree, or one of them is wrong and the row cannot say which.
/// </summary>
/// <param name="Primary">The primary column's index, or -1 when the file lacks it.</param>
/// <param name="Fallback">The fallback column's index, or -1 when the file lacks it.</param>
/// <param name="Required">Whether a row must have one of the two: both empty is then a bad row, naming the primary (or the fallback, when only it is in the file).</param>
internal sealed record ColumnPair(string PrimaryName, int Primary, string FallbackName, int Fallback, bool Required = false)
{
    /// <summary>
    /// The reading to use: the primary's unless it is empty. <paramref name="meaning"/> says what both
    /// columns record ("when the event happened"), for the message when they disagree;
    /// <paramref name="explain"/> may add what the primary's value comes to, when it is written differently.
    /// Both are given the readings, not just their values, so they need capture nothing and cost no
    /// allocation per row.
    /// </summary>
    public Reading<T> Choose<T>(Reading<T> primary, Reading<T> fallback, Func<Reading<T>, Reading<T>, bool> agree, string meaning, long line, List<RowError> errors,
        Func<Reading<T>, string?>? explain = null)
    {
        if (primary.IsEmpty)
        {
            if (fallback.IsEmpty && Required)
                errors.Add(new RowError(line, Primary >= 0 ? PrimaryName : FallbackName, "is empty"));
            return fallback;
        }
        if (primary.Sound && fallback.Sound && !agree(primary, fallback))
        {
            var shown = explain?.Invoke(primary) is { } explained ? $" ({explained})" : "";
            errors.Add(new RowError(line, FallbackName,
                $"'{fallback.Text}' disagrees with {PrimaryName} '{primary.Text}'{shown}; both record {meaning}, so one of them is wrong"));
        }
        return primary;
    }

    /// <summary>A text fact in two spellings (ENTITY_NAME and ENTITY_TYPE), each column read once; the two must match, ignoring case.</summary>
    public Reading<string> ChooseText(CsvFile row, string meaning, long line, List<RowError> errors) =>
        Choose(Reading.Of(row.Get(Primary)), Reading.Of(row.Get(Fallback)),
            static (a, b) => string.Equals(a.Value, b.Value, StringComparison.OrdinalIgnoreCase), meaning, line, errors);
}

/// <summary>
/// A column's value as read from one row: its text (null when empty), and whether it is sound. A value
/// that is not has already added its row error.
/// </summary>
internal readonly record struct Reading<T>(string? Text, bool Sound, T Value)
{
    public static Reading<T> Empty => default;

    public bool IsEmpty => Text is null;
}

internal static class Reading
{
    /// <summary>A text column's reading, whose check gave <paramref name="value"/>, or null when the text was malformed (or empty).</summary>
    public static Reading<string> Of(string? text, string? value) => new(text, value is not null, value ?? "");

    /// <summary>A text column taken as written: sound whenever it is not empty.</summary>
    public static Reading<string> Of(string? text) => Of(text, text);
}
