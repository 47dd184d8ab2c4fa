namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>Text as a spreadsheet cell can hold it.</summary>
internal static class CellText
{
    /// <summary>Excel's limit for the text of one cell; longer text makes Excel repair the file.</summary>
    public const int MaxLength = 32_767;

    private const string Marker = " [cut at Excel's cell limit]";

    public static string Fit(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - Marker.Length), Marker);
}
