using ClosedXML.Excel;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Reporting;

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

    public static readonly XLColor Alert = XLColor.FromHtml("#F8CBAD");
    public static readonly XLColor Warning = XLColor.FromHtml("#FFE699");

    /// <summary>Adds the sheet; <paramref name="highlight"/> may colour a row by its values.</summary>
    public static IXLWorksheet Add(XLWorkbook workbook, string sheetName, string tableName, IReadOnlyList<string> headers,
        IEnumerable<object?[]> rows, Func<object?[], XLColor?>? highlight = null)
    {
        var sheet = workbook.Worksheets.Add(sheetName);
        var widths = headers.Select(h => h.Length + 2).ToArray();
        for (var c = 0; c < headers.Count; c++)
            sheet.Cell(1, c + 1).Value = headers[c];

        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < headers.Count; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                Write(cell, row[c]);
                widths[c] = Math.Max(widths[c], Math.Min(MaxWidth, Display(row[c]).Length + 2));
            }
            if (highlight?.Invoke(row) is { } colour)
                sheet.Range(r, 1, r, headers.Count).Style.Fill.BackgroundColor = colour;
        }

        // A table needs at least one data row; an empty one keeps the headers and filters.
        var table = sheet.Range(1, 1, Math.Max(r, 2), headers.Count).CreateTable(tableName);
        table.Theme = XLTableTheme.TableStyleLight9;
        table.ShowAutoFilter = true;
        sheet.SheetView.FreezeRows(1);
        for (var c = 0; c < headers.Count; c++)
            sheet.Column(c + 1).Width = widths[c];
        return sheet;
    }

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
