using ClosedXML.Excel;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Reporting.Sheets;
using IntegrationLedger.Application.Persistence;

namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>
/// Lays out the quarter's workbook and writes it: the small sheets through ClosedXML in memory, the Activity
/// per week sheet's chart added to them (see <see cref="ActivityChart"/>), then the Change log and Evidence streamed from the ledger into the file around them (see <see cref="StreamedSheets"/>).
/// </summary>
internal static class QuarterlyWorkbookWriter
{
    /// <summary>The sheet the streamed sheets are placed before.</summary>
    private const string LastSheet = "Method";

    public static async Task<IReadOnlyList<string>> WriteAsync(LedgerDbContext db, QuarterlyReportData data, WorkbookProperties properties,
        IReadOnlyList<CoverRow> cover, IReadOnlyList<SignOffRow> signOff, PendingOutputFile output, CancellationToken cancellationToken)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = properties.Title;
        workbook.Properties.Subject = "Security tokens and API credentials handed to third-party software";
        workbook.Properties.Author = properties.Author;
        workbook.Properties.Company = properties.Company;

        TableSheet.Add(workbook, CoverRow.Layout, cover);
        // Long explanations: a wide column whose text wraps, rather than one cut at the usual width.
        var topics = GuideRow.For(data);
        var guide = TableSheet.Add(workbook, GuideRow.Layout, topics);
        guide.Column(2).Width = 110;
        guide.Column(2).Style.Alignment.WrapText = true;
        guide.Columns(1, 2).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        // Rows are not sized to their wrapped text by every program (LibreOffice prints them one line high, the
        // lines over each other), and ClosedXML cannot measure text here: each is given the lines it needs.
        for (var r = 0; r < topics.Count; r++)
            guide.Row(r + 2).Height = 15 * Math.Max(1, (int)Math.Ceiling(GuideRow.Layout.Columns[1].Value(topics[r])?.ToString()?.Length / 100.0 ?? 1));
        TableSheet.Add(workbook, FigureRow.Layout, data.Summary());
        TableSheet.Add(workbook, TokenRow.Layout, data.Tokens);
        TableSheet.Add(workbook, IntegrationRow.Layout, data.Integrations);
        TableSheet.Add(workbook, TokenUsageRow.Layout, data.Usages);
        TableSheet.Add(workbook, AccessLevelRow.Layout, data.Access.Levels);
        TableSheet.Add(workbook, AccessChangeRow.Layout, data.Access.Changes);
        TableSheet.Add(workbook, LifecycleRow.Layout, data.Lifecycle);
        TableSheet.Add(workbook, OffboardingRow.Layout, data.Offboarding);
        TableSheet.Add(workbook, TrainingRow.Layout, data.Access.Training);
        TableSheet.Add(workbook, ReviewRow.Layout, data.Review);
        var activity = TableSheet.Add(workbook, WeeklyActivityRow.Layout, data.Activity);
        var chart = ActivityChart.For(data.Activity, data.Quarter.StartUtc, data.End);
        chart?.WriteTable(activity);
        TableSheet.Add(workbook, FindingRow.Layout, data.Findings);
        TableSheet.Add(workbook, AnomalyRow.Layout, data.Anomalies);
        TableSheet.Add(workbook, ConnectedAppRow.Layout, data.ConnectedApps);
        TableSheet.Add(workbook, IncidentRow.Layout, data.Incidents);
        TableSheet.Add(workbook, RuleRow.Layout, data.Method);
        SignOff(workbook, signOff);

        var chain = data.Audit.Chain;
        var print = new PrintLayout(properties.Company.Length > 0 ? properties.Company : "(organisation not given)", $"Quarter {data.Quarter}", $"{chain.EntryCount}:{chain.HeadHash}");
        foreach (var sheet in workbook.Worksheets)
            print.ApplyTo(sheet);

        using var smallSheets = new MemoryStream();
        workbook.SaveAs(smallSheets);
        // ClosedXML cannot write charts: the chart is added to the package it saved, before the large sheets join it.
        chart?.AddTo(smallSheets);
        smallSheets.Position = 0;
        var start = data.Quarter.StartUtc;
        var streamed = new[]
        {
            StreamedSheets.ChangeLog(db, start, data.End),
            StreamedSheets.SignIns(db, start, data.End),
            await StreamedSheets.EvidenceAsync(db, start, data.End, integrations: data.Names.IntegrationsById, tokens: data.Names.TokensById, cancellationToken: cancellationToken),
        };
        return await StreamedSheets.AssembleAsync(smallSheets, output.Create(), streamed, before: LastSheet, print, cancellationToken);
    }

    /// <summary>The Sign-off sheet, last: its empty cells are tall and framed, to be signed on paper or in the PDF.</summary>
    private static void SignOff(XLWorkbook workbook, IReadOnlyList<SignOffRow> rows)
    {
        var sheet = TableSheet.Add(workbook, SignOffRow.Layout, rows);
        sheet.Column(2).Width = 80;
        for (var r = 0; r < rows.Count; r++)
        {
            if (!rows[r].ForSignature)
                continue;
            sheet.Row(r + 2).Height = 42;
            sheet.Cell(r + 2, 2).Style.Border.OutsideBorder = XLBorderStyleValues.Medium;
        }
    }
}

/// <summary>The workbook file's own properties (File > Info in Excel).</summary>
internal sealed record WorkbookProperties(string Title, string Author, string Company);
