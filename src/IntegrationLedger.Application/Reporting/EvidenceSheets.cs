using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Reporting;

/// <summary>
/// Appends the Evidence sheets (every imported event of the quarter) to a saved workbook by streaming
/// rows with OpenXmlWriter. ClosedXML keeps every cell in memory, about 0.7 KB each, which a million
/// events would turn into gigabytes; here memory stays flat. Text is written as inline strings (never
/// formulas), times as Excel dates with a visible format, and each sheet is a real table with filters
/// and a frozen header. A sheet ends at Excel's row limit and the evidence continues on the next.
/// </summary>
internal static class EvidenceSheets
{
    public const int ExcelMaxRows = 1_048_576;

    private static readonly string[] Headers =
    [
        "Time (UTC)", "Source", "Event type", "Account", "User id", "Source IP", "Login type", "Status", "Succeeded", "Application",
        "Client", "API type", "Connected app id", "URI", "Detail", "Integration", "Token", "Batch", "Line",
    ];

    private static readonly double[] Widths = [18, 20, 14, 32, 20, 16, 18, 30, 10, 28, 30, 14, 20, 30, 40, 24, 24, 38, 8];

    /// <param name="rowsPerSheet">Data rows per sheet; Excel's limit less the header unless a test asks for fewer.</param>
    public static async Task<(int Sheets, long Rows)> AppendAsync(string workbookPath, LedgerDbContext db, DateTime start, DateTime end,
        int rowsPerSheet = ExcelMaxRows - 1, CancellationToken cancellationToken = default)
    {
        var integrations = await db.Integrations.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var tokens = await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var events = db.UsageEvents.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).AsAsyncEnumerable();

        using var document = SpreadsheetDocument.Open(workbookPath, true);
        var workbookPart = document.WorkbookPart!;
        var dateStyle = AddDateStyle(workbookPart);
        var sheets = workbookPart.Workbook.Sheets!;
        var sheetId = sheets.Elements<Sheet>().Max(s => s.SheetId!.Value);
        var tableId = workbookPart.WorksheetParts.SelectMany(w => w.TableDefinitionParts).Select(t => t.Table!.Id!.Value).DefaultIfEmpty(0u).Max();

        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        var sheetCount = 0;
        long total = 0;
        do
        {
            sheetCount++;
            var name = sheetCount == 1 ? "Evidence" : $"Evidence {sheetCount}";
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var rows = 0;
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }));
                writer.WriteElement(new Columns(Widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, Headers.Select(h => (object?)h).ToArray(), dateStyle);
                while (more && rows < rowsPerSheet)
                {
                    var e = enumerator.Current;
                    rows++;
                    WriteRow(writer, rows + 1,
                    [
                        e.OccurredAt, e.Source, e.EventType, e.Username, e.UserId, e.SourceIp, e.LoginType, e.Status,
                        e.Succeeded is { } ok ? (ok ? "yes" : "no") : null, e.Application, e.ClientName, e.ApiType, e.ConnectedAppId, e.Uri, e.Detail,
                        e.IntegrationId is { } i ? integrations.GetValueOrDefault(i) : null, e.TokenId is { } t ? tokens.GetValueOrDefault(t) : null,
                        e.BatchId.ToString(), e.LineNumber,
                    ], dateStyle);
                    more = await enumerator.MoveNextAsync();
                }
                writer.WriteEndElement();
                writer.WriteElement(new TableParts(new TablePart { Id = "rTable1" }) { Count = 1 });
                writer.WriteEndElement();
            }
            total += rows;

            var table = part.AddNewPart<TableDefinitionPart>("rTable1");
            var reference = $"A1:{ColumnName(Headers.Length)}{Math.Max(rows + 1, 2)}";
            tableId++;
            table.Table = new Table(
                new AutoFilter { Reference = reference },
                new TableColumns(Headers.Select((h, i) => new TableColumn { Id = (uint)i + 1, Name = h })) { Count = (uint)Headers.Length },
                new TableStyleInfo { Name = "TableStyleLight9", ShowRowStripes = true })
            {
                Id = tableId, Name = sheetCount == 1 ? "Evidence" : $"Evidence{sheetCount}", DisplayName = sheetCount == 1 ? "Evidence" : $"Evidence{sheetCount}",
                Reference = reference,
            };
            // The evidence comes before the Method sheet, which closes the workbook.
            var sheet = new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = ++sheetId, Name = name };
            if (sheets.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == "Method") is { } method)
                sheets.InsertBefore(sheet, method);
            else
                sheets.Append(sheet);
        }
        while (more);
        workbookPart.Workbook.Save();
        return (sheetCount, total);
    }

    private static void WriteRow(OpenXmlWriter writer, int rowIndex, object?[] values, uint dateStyle)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)rowIndex });
        for (var c = 0; c < values.Length; c++)
        {
            var reference = ColumnName(c + 1) + rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (values[c])
            {
                case null:
                    break;
                case DateTime time:
                    writer.WriteElement(new Cell(new CellValue(time.ToOADate())) { CellReference = reference, StyleIndex = dateStyle });
                    break;
                case long number:
                    writer.WriteElement(new Cell(new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture))) { CellReference = reference, DataType = CellValues.Number });
                    break;
                default:
                    // Inline strings are always text: a value like "=HYPERLINK(...)" from an imported file stays text.
                    writer.WriteElement(new Cell(new InlineString(new Text(Clean(values[c]!.ToString()!)) { Space = SpaceProcessingModeValues.Preserve }))
                    { CellReference = reference, DataType = CellValues.InlineString });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    /// <summary>XML cannot carry most control characters; imported text may contain them.</summary>
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;

    /// <summary>Adds a cell format for UTC times ("yyyy-mm-dd hh:mm") to the workbook's styles and returns its index.</summary>
    private static uint AddDateStyle(WorkbookPart workbookPart)
    {
        var stylesheet = workbookPart.WorkbookStylesPart!.Stylesheet!;
        var formats = stylesheet.NumberingFormats ??= new NumberingFormats();
        var formatId = formats.Elements<NumberingFormat>().Select(f => f.NumberFormatId!.Value).DefaultIfEmpty(163u).Max() + 1;
        formats.Append(new NumberingFormat { NumberFormatId = formatId, FormatCode = "yyyy-mm-dd hh:mm" });
        formats.Count = (uint)formats.ChildElements.Count;
        var cellFormats = stylesheet.CellFormats!;
        cellFormats.Append(new CellFormat { NumberFormatId = formatId, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
        cellFormats.Count = (uint)cellFormats.ChildElements.Count;
        stylesheet.Save();
        return cellFormats.Count.Value - 1;
    }

    private static string ColumnName(int number)
    {
        var name = "";
        while (number > 0)
        {
            var remainder = (number - 1) % 26;
            name = (char)('A' + remainder) + name;
            number = (number - 1) / 26;
        }
        return name;
    }
}
