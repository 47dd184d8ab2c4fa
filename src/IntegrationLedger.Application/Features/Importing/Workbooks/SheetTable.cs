using ClosedXML.Excel;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;

namespace IntegrationLedger.Application.Features.Importing.Workbooks;

/// <summary>
/// One sheet of a workbook read as a template's records: the rows under its header row, numbered as the
/// spreadsheet numbers them, each value as <see cref="CellText"/> makes it. Empty rows (those a spreadsheet
/// keeps at the end, or between) are passed over, as blank lines of a CSV file are.
/// </summary>
internal sealed class SheetTable : ITabularFile
{
    private readonly IXLWorksheet _sheet;
    private readonly int _lastRow;
    private readonly string?[] _values;
    private readonly List<RowError> _errors = [];
    private int _row;

    public SheetTable(IXLWorksheet sheet, ImportSource source, HeaderMap header)
    {
        _sheet = sheet;
        Source = source;
        Header = header;
        _row = (int)header.Line;
        _lastRow = sheet.LastRowUsed()?.RowNumber() ?? _row;
        _values = new string?[header.Count];
    }

    public ImportSource Source { get; }
    public HeaderMap Header { get; }
    public long LineNumber => _row;
    public int FieldCount => Header.Count;
    public char? Separator => null;

    public bool Read()
    {
        while (_row < _lastRow)
        {
            _row++;
            var row = _sheet.Row(_row);
            string? problem = null;
            var column = 0;
            for (var i = 0; i < _values.Length && problem is null; i++)
            {
                (_values[i], problem) = CellText.Of(row.Cell(i + 1));
                column = i;
            }
            if (problem is not null)
            {
                // Like a CSV record that cannot be parsed: reported, and not applied.
                _errors.Add(new RowError(_row, Header.NameAt(column), problem));
                continue;
            }
            if (_values.Any(v => !string.IsNullOrWhiteSpace(v)))
                return true;
        }
        return false;
    }

    public IReadOnlyList<RowError> TakeErrors() => _errors.Drain();

    public string? ValueAt(int index) => index < 0 || index >= _values.Length ? null : RowErrors.NullIfBlank(_values[index]);

    public string[] Fields() => _values.Select(v => v ?? "").ToArray();

    /// <summary>
    /// The first row, among the first <paramref name="rowsToSearch"/>, whose cells make a header that
    /// <paramref name="matches"/> accepts: a title, notes or blank rows may sit above it. Null when none does.
    /// </summary>
    public static HeaderMap? FindHeader(IXLWorksheet sheet, Func<HeaderMap, bool> matches, int rowsToSearch)
    {
        var last = Math.Min(sheet.LastRowUsed()?.RowNumber() ?? 0, rowsToSearch);
        for (var row = 1; row <= last; row++)
        {
            if (HeaderOf(sheet, row) is { } header && matches(header))
                return header;
        }
        return null;
    }

    /// <summary>The row's cells as header names, up to its last cell with a value; null for an empty row.</summary>
    public static HeaderMap? HeaderOf(IXLWorksheet sheet, int row)
    {
        var width = Math.Min(sheet.Row(row).LastCellUsed()?.Address.ColumnNumber ?? 0, CsvLimits.MaxColumns);
        if (width == 0)
            return null;
        var names = new string[width];
        for (var i = 0; i < width; i++)
            names[i] = CellText.Of(sheet.Row(row).Cell(i + 1)).Text?.Trim() ?? "";
        return names.All(string.IsNullOrEmpty) ? null : new HeaderMap(names, row);
    }
}
