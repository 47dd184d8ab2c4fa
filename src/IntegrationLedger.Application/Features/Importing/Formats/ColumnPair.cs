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
internal sealed record ColumnPair(string PrimaryName, int Primary, string FallbackName, int Fallback)
{
    /// <summary>
    /// The reading to use: the primary's unless it is empty. <paramref name="meaning"/> says what both
    /// columns record ("when the event happened"), for the message when they disagree;
    /// <paramref name="explain"/> may add what the primary's value comes to, when it is written differently.
    /// </summary>
    public Reading<T> Choose<T>(Reading<T> primary, Reading<T> fallback, Func<T, T, bool> agree, string meaning, long line, List<RowError> errors,
        Func<T, string?>? explain = null)
    {
        if (primary.IsEmpty)
            return fallback;
        if (primary.Sound && fallback.Sound && !agree(primary.Value, fallback.Value))
        {
            var shown = explain?.Invoke(primary.Value) is { } explained ? $" ({explained})" : "";
            errors.Add(new RowError(line, FallbackName,
                $"'{fallback.Text}' disagrees with {PrimaryName} '{primary.Text}'{shown}; both record {meaning}, so one of them is wrong"));
        }
        return primary;
    }
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
}
