using ClosedXML.Excel;

namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>
/// How every sheet of the workbook prints (auditors file it as a PDF): landscape, one page wide however many
/// pages long, the header row repeated on each page, a page header naming the organisation, the quarter and the
/// sheet, and a footer with "page N of M" and the audit chain's anchor, so a printed page on its own says what it
/// is and what it was made from. The header row is repeated through the workbook's print titles, written once
/// all the sheets, streamed ones included, have their places (<see cref="StreamedSheets"/>).
/// </summary>
internal sealed record PrintLayout(string Organisation, string Quarter, string Anchor)
{
    /// <summary>The page header, in Excel's header codes: left, centre and right parts, small type.</summary>
    public string Header(string sheet) => $"&L&8{Escape(Organisation)}&C&8{Escape(Quarter)}&R&8{Escape(sheet)}";

    public string Footer => $"&L&8Page &P of &N&R&8{Escape("Audit chain " + Anchor)}";

    /// <summary>The print titles of a sheet: its first row.</summary>
    public static string TitleRows(string sheet) => $"'{sheet.Replace("'", "''")}'!$1:$1";

    public void ApplyTo(IXLWorksheet sheet)
    {
        var page = sheet.PageSetup;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.PaperSize = XLPaperSize.A4Paper;
        page.FitToPages(1, 0);
        page.Margins.Left = page.Margins.Right = 0.4;
        page.Header.Center.Clear();
        page.Header.Left.AddText(Escape(Organisation), XLHFOccurrence.AllPages);
        page.Header.Center.AddText(Escape(Quarter), XLHFOccurrence.AllPages);
        page.Header.Right.AddText(Escape(sheet.Name), XLHFOccurrence.AllPages);
        page.Footer.Left.AddText("Page ", XLHFOccurrence.AllPages);
        page.Footer.Left.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        page.Footer.Left.AddText(" of ", XLHFOccurrence.AllPages);
        page.Footer.Left.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
        page.Footer.Right.AddText(Escape("Audit chain " + Anchor), XLHFOccurrence.AllPages);
    }

    /// <summary>An ampersand starts a header code; written twice it prints once.</summary>
    private static string Escape(string text) => text.Replace("&", "&&", StringComparison.Ordinal);
}
