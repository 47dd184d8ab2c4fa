namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>How a row of a sheet stands out: overdue, high-severity or unconfirmed rows are marked.</summary>
internal enum RowMark
{
    None,
    Alert,
    Warning,
}

/// <summary>A column of a sheet: its header, and the cell a row gives it.</summary>
internal sealed record SheetColumn<TRow>(string Header, Func<TRow, object?> Value);

/// <summary>
/// A sheet of typed rows: its name, its table's name, its columns, and which rows stand out. The sheet's
/// shape lives with the row type, so a column and its header cannot drift apart.
/// </summary>
internal sealed record SheetLayout<TRow>(string SheetName, string TableName, IReadOnlyList<SheetColumn<TRow>> Columns, Func<TRow, RowMark>? Mark = null);
