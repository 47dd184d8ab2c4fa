using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Reporting;

/// <summary>
/// Appends sheets to a saved workbook by streaming rows with OpenXmlWriter. ClosedXML keeps every cell in
/// memory, about 0.7 KB each, which a million events would turn into gigabytes; here memory stays flat.
/// Text is written as inline strings (never formulas), times as Excel dates with a visible format, and
/// each sheet is a real table with filters and a frozen header. A sheet ends at Excel's row limit and the
/// rows continue on the next ("Evidence", "Evidence 2"...). Sheets go before the Method sheet, which
/// closes the workbook.
/// </summary>
internal static class StreamedSheets
{
    public const int ExcelMaxRows = 1_048_576;

    /// <summary>The Evidence sheets: every imported event between the two times.</summary>
    public static async Task<(int Sheets, long Rows)> AppendEvidenceAsync(string workbookPath, LedgerDbContext db, DateTime start, DateTime end,
        int rowsPerSheet = ExcelMaxRows - 1, CancellationToken cancellationToken = default)
    {
        var integrations = await db.Integrations.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var tokens = await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var rows = db.UsageEvents.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).AsAsyncEnumerable()
            .Select(e => new object?[]
            {
                e.OccurredAt, e.Source, e.EventType, e.Username, e.UserId, e.SourceIp, e.LoginType, e.Status,
                e.Succeeded is { } ok ? (ok ? "yes" : "no") : null, e.Application, e.ClientName, e.ApiType, e.ConnectedAppId, e.Uri, e.Detail,
                e.IntegrationId is { } i ? integrations.GetValueOrDefault(i) : null, e.TokenId is { } t ? tokens.GetValueOrDefault(t) : null,
                e.BatchId.ToString(), e.LineNumber,
            });
        return await AppendAsync(workbookPath, "Evidence",
        [
            ("Time (UTC)", 18), ("Source", 20), ("Event type", 14), ("Account", 32), ("User id", 20), ("Source IP", 16), ("Login type", 18),
            ("Status", 30), ("Succeeded", 10), ("Application", 28), ("Client", 30), ("API type", 14), ("Connected app id", 20), ("URI", 30),
            ("Detail", 40), ("Integration", 24), ("Token", 24), ("Batch", 38), ("Line", 8),
        ], rows, rowsPerSheet, cancellationToken);
    }

    /// <summary>The Change log sheets: every audit entry between the two times.</summary>
    public static Task<(int Sheets, long Rows)> AppendChangeLogAsync(string workbookPath, LedgerDbContext db, DateTime start, DateTime end, CancellationToken cancellationToken = default)
    {
        var rows = db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end).OrderBy(e => e.Sequence)
            .AsAsyncEnumerable()
            .Select(e => new object?[] { e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash });
        return AppendAsync(workbookPath, "Change log",
            [("#", 8), ("Time (UTC)", 18), ("Actor", 20), ("Action", 22), ("Entity", 16), ("Entity id", 38), ("Before", 60), ("After", 60), ("Hash", 66)],
            rows, ExcelMaxRows - 1, cancellationToken);
    }

    private static async Task<(int Sheets, long Rows)> AppendAsync(string workbookPath, string baseName, (string Header, double Width)[] columns,
        IAsyncEnumerable<object?[]> source, int rowsPerSheet, CancellationToken cancellationToken)
    {
        var headers = columns.Select(c => (object?)c.Header).ToArray();
        using var document = SpreadsheetDocument.Open(workbookPath, true);
        var workbookPart = document.WorkbookPart!;
        var dateStyle = AddDateStyle(workbookPart);
        var sheets = workbookPart.Workbook.Sheets!;
        var sheetId = sheets.Elements<Sheet>().Max(s => s.SheetId!.Value);
        var tableId = workbookPart.WorksheetParts.SelectMany(w => w.TableDefinitionParts).Select(t => t.Table!.Id!.Value).DefaultIfEmpty(0u).Max();

        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        var sheetCount = 0;
        long total = 0;
        do
        {
            sheetCount++;
            var name = sheetCount == 1 ? baseName : $"{baseName} {sheetCount}";
            var tableName = new string(name.Where(char.IsLetterOrDigit).ToArray());
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var rows = 0;
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }));
                writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, headers, dateStyle);
                while (more && rows < rowsPerSheet)
                {
                    rows++;
                    WriteRow(writer, rows + 1, enumerator.Current, dateStyle);
                    more = await enumerator.MoveNextAsync();
                }
                writer.WriteEndElement();
                writer.WriteElement(new TableParts(new TablePart { Id = "rTable1" }) { Count = 1 });
                writer.WriteEndElement();
            }
            total += rows;

            var table = part.AddNewPart<TableDefinitionPart>("rTable1");
            var reference = $"A1:{ColumnName(columns.Length)}{Math.Max(rows + 1, 2)}";
            table.Table = new Table(
                new AutoFilter { Reference = reference },
                new TableColumns(columns.Select((c, i) => new TableColumn { Id = (uint)i + 1, Name = c.Header })) { Count = (uint)columns.Length },
                new TableStyleInfo { Name = "TableStyleLight9", ShowRowStripes = true })
            {
                Id = ++tableId, Name = tableName, DisplayName = tableName, Reference = reference,
            };
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
                case long or int:
                    writer.WriteElement(new Cell(new CellValue(Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture)!)) { CellReference = reference, DataType = CellValues.Number });
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
