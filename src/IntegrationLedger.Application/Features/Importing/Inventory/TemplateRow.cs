using System.Globalization;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Parsing;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary>Reads a template row's cells by column name, collecting a row error for each value that does not parse.</summary>
internal sealed class TemplateRow(ITabularFile row, HeaderMap header, List<RowError> errors)
{
    private readonly int _errorsBefore = errors.Count;

    public long Line => row.LineNumber;

    public bool HasErrors => errors.Count > _errorsBefore;

    public string? Text(string column) => row.ValueAt(header.IndexOf(column));

    public string Required(string column)
    {
        var value = Text(column);
        if (value is null)
            Fail(column, "is required");
        return value ?? "";
    }

    /// <summary>A list in one cell, separated by semicolons (commas would end the cell).</summary>
    public IReadOnlyList<string> List(string column) =>
        Text(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public DateOnly? Date(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Fail(column, $"'{text}' is not a date written YYYY-MM-DD");
        return null;
    }

    /// <summary>A point in time: a date (midnight UTC) or ISO 8601 with its zone.</summary>
    public DateTime? Time(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (SalesforceTimes.TryParseIso(text, out var time))
            return time;
        Fail(column, $"'{text}' is not a date (YYYY-MM-DD) or a time with its zone");
        return null;
    }

    public int? Count(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;
        Fail(column, $"'{text}' is not a positive whole number");
        return null;
    }

    public void Fail(string column, string reason) => errors.Add(new RowError(Line, column, reason));
}
