using System.Globalization;
using ClosedXML.Excel;

namespace IntegrationLedger.Application.Features.Importing.Workbooks;

/// <summary>
/// A cell as the templates read text: what the person typed, in the form a CSV template writes it. Dates
/// typed as Excel dates become YYYY-MM-DD, numbers Excel stores as 1.0 become 1, a formula gives the value
/// the spreadsheet last calculated (its cached value; nothing is recalculated here).
/// </summary>
internal static class CellText
{
    /// <summary>The values a spreadsheet shows for a formula that failed.</summary>
    private static readonly string[] ErrorValues = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];

    /// <summary>The cell's text (null when empty), or a problem that makes its row unreadable.</summary>
    public static (string? Text, string? Problem) Of(IXLCell cell)
    {
        object? value;
        try
        {
            value = cell.HasFormula ? cell.CachedValue : cell.Value;
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or ArgumentException)
        {
            return (null, $"the cell's value cannot be read ({exception.Message.TrimEnd('.')})");
        }
        return value switch
        {
            null => (null, null),
            string text when cell.HasFormula && ErrorValues.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase) =>
                (null, $"the formula in the cell gives the error {text.Trim()}; correct it, or type the value"),
            string text => (text.Length == 0 ? null : text, null),
            DateTime time => (Date(time), null),
            double number when IsDateFormat(cell) => (Date(DateTime.FromOADate(number)), null),
            double number => (number.ToString("G15", CultureInfo.InvariantCulture), null),
            int number => (number.ToString(CultureInfo.InvariantCulture), null),
            bool flag => (flag ? "true" : "false", null),
            TimeSpan span => (span.ToString("c", CultureInfo.InvariantCulture), null),
            _ => (Convert.ToString(value, CultureInfo.InvariantCulture), null),
        };
    }

    /// <summary>A date alone when it is one (the usual case), else the moment as typed, which carries no zone.</summary>
    private static string Date(DateTime time) =>
        time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A number shown as a date. A workbook stores dates as numbers of days; ClosedXML reads a typed one as
    /// a date already, but a formula's cached value (=DATE(2026,4,5), =A2+90) as the bare number.
    /// </summary>
    private static bool IsDateFormat(IXLCell cell)
    {
        var format = cell.Style.NumberFormat;
        // Excel's built-in date and time formats have these ids and no format text of their own.
        if (format.NumberFormatId is (>= 14 and <= 22) or (>= 45 and <= 47))
            return true;
        return !string.IsNullOrEmpty(format.Format) && new ExcelNumberFormat.NumberFormat(format.Format).IsDateTimeFormat;
    }
}
