using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Reporting.Workbook;

/// <summary>A sheet whose rows are streamed: its name, columns and widths, and the rows in order.</summary>
/// <param name="Highlight">Which rows to colour, such as failed activity.</param>
internal sealed record StreamedSheet(string BaseName, (string Header, double Width)[] Columns, IAsyncEnumerable<object?[]> Rows,
    int RowsPerSheet = StreamedSheets.ExcelMaxRows - 1, Func<object?[], bool>? Highlight = null);

/// <summary>The cell formats the streamed sheets use, added to the workbook's styles.</summary>
internal readonly record struct StreamedStyles(uint Date, uint Highlighted, uint HighlightedDate);

/// <summary>
/// Assembles the workbook file: the sheets ClosedXML made (small ones, styled in memory) are copied into a
/// new package, and the large sheets are streamed into it with OpenXmlWriter. ClosedXML keeps every cell
/// in memory, about 0.7 KB each, and a package opened for editing buffers every part it changes, so either
/// would turn a million events into gigabytes; a package being created writes each part straight to the
/// file, and memory stays flat. Text is written as inline strings (never formulas), times as Excel dates
/// with a visible format, and each streamed sheet is a real table with filters and a frozen header. A
/// sheet ends at Excel's row limit and the rows continue on the next ("Evidence", "Evidence 2"...).
/// </summary>
internal static class StreamedSheets
{
    public const int ExcelMaxRows = 1_048_576;

    /// <summary>The Evidence sheets: every imported event between the two times.</summary>
    /// <param name="integrations">Integration names as they stood then (the replay's), else the current ones.</param>
    /// <param name="tokens">Token labels as they stood then, else the current ones.</param>
    public static async Task<StreamedSheet> EvidenceAsync(LedgerDbContext db, DateTime start, DateTime end, int rowsPerSheet = ExcelMaxRows - 1,
        IReadOnlyDictionary<Guid, string>? integrations = null, IReadOnlyDictionary<Guid, string>? tokens = null, CancellationToken cancellationToken = default)
    {
        integrations ??= await db.Integrations.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        tokens ??= await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, cancellationToken);
        var rows = db.UsageEvents.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).AsAsyncEnumerable()
            .Select(e => new object?[]
            {
                e.OccurredAt, e.Source, e.EventType, e.Username, e.UserId, e.SourceIp, e.LoginType, e.Status,
                e.Succeeded is { } ok ? (ok ? "yes" : "no") : null, e.Application, e.ClientName, e.ApiType, e.ConnectedAppId, e.Uri, e.Detail,
                e.IntegrationId is { } i ? integrations.GetValueOrDefault(i) : null, e.TokenId is { } t ? tokens.GetValueOrDefault(t) : null,
                e.BatchId.ToString(), e.LineNumber,
            });
        return new StreamedSheet("Evidence",
        [
            ("Time (UTC)", 18), ("Source", 20), ("Event type", 14), ("Account", 32), ("User id", 20), ("Source IP", 16), ("Login type", 18),
            ("Status", 30), ("Succeeded", 10), ("Application", 28), ("Client", 30), ("API type", 14), ("Connected app id", 20), ("URI", 30),
            ("Detail", 40), ("Integration", 24), ("Token", 24), ("Batch", 38), ("Line", 8),
        ], rows, rowsPerSheet, Highlight: row => (string?)row[8] == "no");
    }

    /// <summary>How many entries are named at a time: names cost a few queries per chunk, whatever its length (<see cref="ChangeDescriber"/>).</summary>
    private const int EntriesPerChunk = 500;

    /// <summary>The Change log sheets: every change to the ledger between the two times, one readable line each, sign-ins apart.</summary>
    public static StreamedSheet ChangeLog(LedgerDbContext db, DateTime start, DateTime end) =>
        new("Change log",
            [("#", 8), ("Time (UTC)", 18), ("Who", 26), ("What", 34), ("Record", 16), ("Name", 36), ("Change", 90), ("Hash", 66)],
            ReadableEntries(db, start, end, access: false).Select(Row));

    /// <summary>The Sign-ins sheets: every sign-in, sign-out, failed sign-in and refused request between the two times.</summary>
    public static StreamedSheet SignIns(LedgerDbContext db, DateTime start, DateTime end) =>
        new("Sign-ins",
            [("#", 8), ("Time (UTC)", 18), ("Who", 26), ("What", 40), ("Record", 16), ("Account", 32), ("Details", 90), ("Hash", 66)],
            ReadableEntries(db, start, end, access: true).Select(Row));

    private static object?[] Row((ReadableChange Change, string Hash) entry)
    {
        var c = entry.Change;
        var name = c.EntityStillExists ? c.EntityName : $"{c.EntityName} (no longer in the ledger)";
        return [c.Sequence, c.OccurredAt, c.Actor, c.ActionText, c.Noun, name, c.FieldsText, entry.Hash];
    }

    /// <summary>
    /// The period's entries of one sheet, oldest first, described a chunk at a time: each chunk is read whole,
    /// then named in bulk, so memory stays flat and no query runs while another is being read.
    /// </summary>
    private static async IAsyncEnumerable<(ReadableChange Change, string Hash)> ReadableEntries(LedgerDbContext db, DateTime start, DateTime end, bool access,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string AccessActions = "auth.%";
        var after = 0L;
        while (true)
        {
            var period = db.AuditEntries.AsNoTracking().Where(e => e.OccurredAt >= start && e.OccurredAt < end && e.Sequence > after);
            var entries = await (access ? period.Where(e => EF.Functions.Like(e.Action, AccessActions)) : period.Where(e => !EF.Functions.Like(e.Action, AccessActions)))
                .OrderBy(e => e.Sequence).Take(EntriesPerChunk)
                .Select(e => new AuditLogEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.Hash))
                .ToListAsync(cancellationToken);
            if (entries.Count == 0)
                yield break;
            var changes = await ChangeDescriber.DescribeAsync(db, entries, cancellationToken);
            for (var i = 0; i < entries.Count; i++)
                yield return (changes[i], entries[i].Hash);
            after = entries[^1].Sequence;
        }
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string WorksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private const string TableType = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

    /// <summary>
    /// Writes the workbook to <paramref name="file"/> (and closes it): the sheets of <paramref name="smallSheets"/> in their order, with
    /// the streamed sheets placed before the sheet named <paramref name="before"/> (or at the end). The zip is
    /// written in create mode, entry by entry, so no sheet is ever held whole in memory; the few package
    /// files that list the sheets (workbook, its relationships, content types, styles) are small and are
    /// rewritten as XML. Returns the final sheet names in order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AssembleAsync(Stream smallSheets, Stream file, IReadOnlyList<StreamedSheet> streamed, string before,
        PrintLayout print, CancellationToken cancellationToken)
    {
        using var source = new ZipArchive(smallSheets, ZipArchiveMode.Read, leaveOpen: true);
        XDocument Load(string name)
        {
            using var stream = source.GetEntry(name)!.Open();
            return XDocument.Load(stream);
        }
        var workbook = Load("xl/workbook.xml");
        var workbookRelationships = Load("xl/_rels/workbook.xml.rels");
        var contentTypes = Load("[Content_Types].xml");
        var styles = Load("xl/styles.xml");
        var dateStyle = AddStyles(styles);
        var tableId = source.Entries.Where(e => e.FullName.StartsWith("xl/tables/", StringComparison.Ordinal))
            .Select(e => { using var t = e.Open(); return (uint?)XDocument.Load(t).Root!.Attribute("id") is { } id ? (uint)id : 0u; })
            .DefaultIfEmpty(0u).Max();
        var rewritten = new HashSet<string>(StringComparer.Ordinal) { "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml" };

        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries.Where(e => !rewritten.Contains(e.FullName)))
        {
            await using var from = entry.Open();
            await using var to = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
            await from.CopyToAsync(to, cancellationToken);
        }

        var added = new List<string>();
        var index = 0;
        foreach (var sheet in streamed)
        {
            foreach (var name in await WriteAsync(target, sheet, dateStyle, () => ++index, () => ++tableId, contentTypes, print, cancellationToken))
                added.Add(name);
        }

        // List the new sheets in the workbook, before the one they must precede.
        var sheets = workbook.Root!.Element(XName.Get("sheets", Main))!;
        var nextSheetId = sheets.Elements().Select(e => (uint)e.Attribute("sheetId")!).Max();
        var anchor = sheets.Elements().FirstOrDefault(e => (string?)e.Attribute("name") == before);
        for (var i = 0; i < added.Count; i++)
        {
            var relationshipId = $"rIdStreamed{i + 1}";
            workbookRelationships.Root!.Add(new XElement(XName.Get("Relationship", PackageRelationships),
                new XAttribute("Id", relationshipId), new XAttribute("Type", $"{DocumentRelationships}/worksheet"), new XAttribute("Target", $"worksheets/streamed{i + 1}.xml")));
            var element = new XElement(XName.Get("sheet", Main), new XAttribute("name", added[i]), new XAttribute("sheetId", ++nextSheetId),
                new XAttribute(XName.Get("id", DocumentRelationships), relationshipId));
            if (anchor is null)
                sheets.Add(element);
            else
                anchor.AddBeforeSelf(element);
        }
        // Defined names may point at sheets by position; the tables carry their own filters, so none are kept but the
        // print titles, written again for every sheet at its final place: each printed page repeats the header row.
        workbook.Root.Element(XName.Get("definedNames", Main))?.Remove();
        sheets.AddAfterSelf(new XElement(XName.Get("definedNames", Main), sheets.Elements().Select((e, i) =>
            new XElement(XName.Get("definedName", Main), new XAttribute("name", "_xlnm.Print_Titles"), new XAttribute("localSheetId", i),
                PrintLayout.TitleRows((string)e.Attribute("name")!)))));

        foreach (var (name, document) in new[] { ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbookRelationships), ("[Content_Types].xml", contentTypes), ("xl/styles.xml", styles) })
        {
            await using var stream = target.CreateEntry(name, CompressionLevel.Optimal).Open();
            await document.SaveAsync(stream, SaveOptions.DisableFormatting, cancellationToken);
        }
        return sheets.Elements().Select(e => (string)e.Attribute("name")!).ToList();
    }

    private static async Task<List<string>> WriteAsync(ZipArchive target, StreamedSheet sheet, StreamedStyles dateStyle, Func<int> nextIndex, Func<uint> nextTableId,
        XDocument contentTypes, PrintLayout print, CancellationToken cancellationToken)
    {
        var columns = sheet.Columns;
        var headers = columns.Select(c => (object?)c.Header).ToArray();
        var written = new List<string>();
        await using var enumerator = sheet.Rows.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        do
        {
            var name = written.Count == 0 ? sheet.BaseName : $"{sheet.BaseName} {written.Count + 1}";
            var tableName = new string(name.Where(char.IsLetterOrDigit).ToArray());
            var index = nextIndex();
            var rows = 0;
            await using (var stream = target.CreateEntry($"xl/worksheets/streamed{index}.xml", CompressionLevel.Optimal).Open())
            using (var writer = OpenXmlWriter.Create(stream))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement(new Worksheet(), [], [new("r", DocumentRelationships)]);
                writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }));
                writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, headers, dateStyle, highlighted: false);
                while (more && rows < sheet.RowsPerSheet)
                {
                    rows++;
                    WriteRow(writer, rows + 1, enumerator.Current, dateStyle, sheet.Highlight?.Invoke(enumerator.Current) ?? false);
                    more = await enumerator.MoveNextAsync();
                }
                writer.WriteEndElement();
                // Printed as the other sheets are (PrintLayout): landscape on A4, one page wide, header and footer.
                writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
                writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
                writer.WriteElement(new HeaderFooter(new OddHeader(print.Header(name)), new OddFooter(print.Footer)));
                writer.WriteElement(new TableParts(new TablePart { Id = "rIdTable" }) { Count = 1 });
                writer.WriteEndElement();
                writer.Close();
            }

            var reference = $"A1:{ColumnName(columns.Length)}{Math.Max(rows + 1, 2)}";
            var table = new Table(
                new AutoFilter { Reference = reference },
                new TableColumns(columns.Select((c, i) => new TableColumn { Id = (uint)i + 1, Name = c.Header })) { Count = (uint)columns.Length },
                new TableStyleInfo { Name = "TableStyleLight9", ShowRowStripes = true })
            {
                Id = nextTableId(), Name = tableName, DisplayName = tableName, Reference = reference,
            };
            await using (var stream = target.CreateEntry($"xl/tables/streamedtable{index}.xml", CompressionLevel.Optimal).Open())
                table.Save(stream);
            await using (var stream = target.CreateEntry($"xl/worksheets/_rels/streamed{index}.xml.rels", CompressionLevel.Optimal).Open())
            {
                var relationships = new XDocument(new XElement(XName.Get("Relationships", PackageRelationships),
                    new XElement(XName.Get("Relationship", PackageRelationships), new XAttribute("Id", "rIdTable"),
                        new XAttribute("Type", $"{DocumentRelationships}/table"), new XAttribute("Target", $"../tables/streamedtable{index}.xml"))));
                await relationships.SaveAsync(stream, SaveOptions.DisableFormatting, cancellationToken);
            }
            contentTypes.Root!.Add(
                new XElement(XName.Get("Override", ContentTypes), new XAttribute("PartName", $"/xl/worksheets/streamed{index}.xml"), new XAttribute("ContentType", WorksheetType)),
                new XElement(XName.Get("Override", ContentTypes), new XAttribute("PartName", $"/xl/tables/streamedtable{index}.xml"), new XAttribute("ContentType", TableType)));
            written.Add(name);
        }
        while (more);
        return written;
    }

    private static void WriteRow(OpenXmlWriter writer, int rowIndex, object?[] values, StreamedStyles styles, bool highlighted)
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
                    writer.WriteElement(new Cell(new CellValue(time.ToOADate())) { CellReference = reference, StyleIndex = highlighted ? styles.HighlightedDate : styles.Date });
                    break;
                case long or int:
                    writer.WriteElement(new Cell(new CellValue(Convert.ToString(values[c], System.Globalization.CultureInfo.InvariantCulture)!)) { CellReference = reference, DataType = CellValues.Number, StyleIndex = highlighted ? styles.Highlighted : null });
                    break;
                default:
                    // Inline strings are always text: a value like "=HYPERLINK(...)" from an imported file stays text.
                    writer.WriteElement(new Cell(new InlineString(new Text(Clean(values[c]!.ToString()!)) { Space = SpaceProcessingModeValues.Preserve }))
                    { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = highlighted ? styles.Highlighted : null });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    /// <summary>XML cannot carry most control characters; imported text may contain them.</summary>
    private static string Clean(string text) => CellText.Fit(
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text);

    /// <summary>
    /// Adds to styles.xml the formats the streamed sheets need: UTC times as "yyyy-mm-dd hh:mm", and the
    /// same with the alert fill that marks failed activity.
    /// </summary>
    private static StreamedStyles AddStyles(XDocument styles)
    {
        var root = styles.Root!;
        var formats = root.Element(XName.Get("numFmts", Main));
        if (formats is null)
        {
            formats = new XElement(XName.Get("numFmts", Main));
            root.AddFirst(formats);
        }
        var formatId = formats.Elements().Select(f => (uint)f.Attribute("numFmtId")!).DefaultIfEmpty(163u).Max() + 1;
        formats.Add(new XElement(XName.Get("numFmt", Main), new XAttribute("numFmtId", formatId), new XAttribute("formatCode", "yyyy-mm-dd hh:mm")));
        formats.SetAttributeValue("count", formats.Elements().Count());

        var fills = root.Element(XName.Get("fills", Main))!;
        fills.Add(new XElement(XName.Get("fill", Main), new XElement(XName.Get("patternFill", Main), new XAttribute("patternType", "solid"),
            new XElement(XName.Get("fgColor", Main), new XAttribute("rgb", "FFF8CBAD")), new XElement(XName.Get("bgColor", Main), new XAttribute("indexed", 64)))));
        fills.SetAttributeValue("count", fills.Elements().Count());
        var alertFill = fills.Elements().Count() - 1;

        var cellFormats = root.Element(XName.Get("cellXfs", Main))!;
        uint Add(uint numberFormat, int fill)
        {
            cellFormats.Add(new XElement(XName.Get("xf", Main), new XAttribute("numFmtId", numberFormat), new XAttribute("fontId", 0), new XAttribute("fillId", fill),
                new XAttribute("borderId", 0), new XAttribute("xfId", 0), new XAttribute("applyNumberFormat", 1), new XAttribute("applyFill", fill == 0 ? 0 : 1)));
            cellFormats.SetAttributeValue("count", cellFormats.Elements().Count());
            return (uint)cellFormats.Elements().Count() - 1;
        }
        return new StreamedStyles(Add(formatId, 0), Add(0, alertFill), Add(formatId, alertFill));
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
