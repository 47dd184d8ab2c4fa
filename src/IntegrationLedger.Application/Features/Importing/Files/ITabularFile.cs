using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Files;

/// <summary>
/// Records under a header, one at a time, as the inventory templates read them: a CSV file (plain or
/// compressed) or a workbook's sheet. Platform exports are read as CSV only (<see cref="CsvFile"/>).
/// </summary>
public interface ITabularFile
{
    ImportSource Source { get; }

    HeaderMap Header { get; }

    /// <summary>Where the current record starts: its line in a CSV file, its row in a sheet.</summary>
    long LineNumber { get; }

    int FieldCount { get; }

    /// <summary>The separator between a CSV record's fields, for messages about a row cut in the wrong place; none for a sheet.</summary>
    char? Separator { get; }

    /// <summary>Moves to the next record with anything in it; false at the end.</summary>
    bool Read();

    /// <summary>Records that could not be read (bad quoting) since the last call, each reported once.</summary>
    IReadOnlyList<RowError> TakeErrors();

    /// <summary>The value at <paramref name="index"/>, trimmed; null when empty or absent.</summary>
    string? ValueAt(int index);

    /// <summary>The current record's values, for the rejected-rows file.</summary>
    string[] Fields();
}
