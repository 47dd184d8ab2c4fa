using ClosedXML.Excel;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>
/// Writes one sheet as a real Excel table: a header row, filters, the header frozen, dates as Excel dates
/// with a visible format, and column widths computed from the contents (ClosedXML's own sizing needs
/// System.Drawing, which is not available here). Text is assigned as values, never as formulas, so text
/// from imported files cannot run in a spreadsheet.
/// </summary>
internal static class TableSheet
{
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";
    public const string DateFormat = "yyyy-mm-dd";
    private const int MaxWidth = 60;

    private static readonly XLColor Alert = XLColor.FromHtml("#F8CBAD");
    private static readonly XLColor Warning = XLColor.FromHtml("#FFE699");

    /// <summary>Adds the sheet of <paramref name="rows"/> laid out as <paramref name="layout"/> says.</summary>
    public static IXLWorksheet Add<TRow>(XLWorkbook workbook, SheetLayout<TRow> layout, IEnumerable<TRow> rows)
    {
        var columns = layout.Columns;
        var sheet = workbook.Worksheets.Add(layout.SheetName);
        var widths = columns.Select(c => c.Header.Length + 2).ToArray();
        for (var c = 0; c < columns.Count; c++)
            sheet.Cell(1, c + 1).Value = columns[c].Header;

        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].Value(row);
                Write(sheet.Cell(r, c + 1), value);
                widths[c] = Math.Max(widths[c], Math.Min(MaxWidth, Display(value).Length + 2));
            }
            if (Colour(layout.Mark?.Invoke(row) ?? RowMark.None) is { } colour)
                sheet.Range(r, 1, r, columns.Count).Style.Fill.BackgroundColor = colour;
        }

        // A table needs at least one data row; an empty one keeps the headers and filters.
        var table = sheet.Range(1, 1, Math.Max(r, 2), columns.Count).CreateTable(layout.TableName);
        table.Theme = XLTableTheme.TableStyleLight9;
        table.ShowAutoFilter = true;
        sheet.SheetView.FreezeRows(1);
        for (var c = 0; c < columns.Count; c++)
            sheet.Column(c + 1).Width = widths[c];
        return sheet;
    }

    private static XLColor? Colour(RowMark mark) => mark switch
    {
        RowMark.Alert => Alert,
        RowMark.Warning => Warning,
        _ => null,
    };

    public static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateTime time:
                cell.Value = time;
                cell.Style.DateFormat.Format = DateTimeFormat;
                break;
            case DateOnly date:
                cell.Value = date.ToDateTime(TimeOnly.MinValue);
                cell.Style.DateFormat.Format = DateFormat;
                break;
            case int or long or double or decimal:
                cell.Value = value;
                break;
            case bool flag:
                cell.Value = flag ? "yes" : "no";
                break;
            case Enum member:
                cell.Value = KebabCase.Of(member);
                break;
            default:
                // Assigned through Value, a string is stored as text even when it starts with "=". ClosedXML reads a
                // leading apostrophe as Excel's "this is text" mark and drops it, so one is added to keep the text whole.
                var text = CellText.Fit(value.ToString()!);
                cell.Value = text.StartsWith('\'') ? "'" + text : text;
                cell.DataType = XLDataType.Text;
                break;
        }
    }

    private static string Display(object? value) => value switch
    {
        null => "",
        DateTime => "2026-01-01 00:00",
        DateOnly => "2026-01-01",
        _ => value.ToString() ?? "",
    };
}
