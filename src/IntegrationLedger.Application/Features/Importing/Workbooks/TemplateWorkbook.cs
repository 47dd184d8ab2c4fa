using ClosedXML.Excel;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Inventory;

namespace IntegrationLedger.Application.Features.Importing.Workbooks;

/// <summary>
/// An Excel workbook of inventory templates, as officers keep them: a title or notes above the header, an
/// instructions sheet beside the template, a template per sheet. The sheet read is the one whose header is
/// the template named (or, with <c>auto</c>, the one template the workbook holds); a workbook that holds
/// several is refused with the order to import them in, so each import stays one template, all or nothing.
/// See docs/decisions/0015-compressed-files-and-workbooks.md.
/// </summary>
internal sealed class TemplateWorkbook : IDisposable
{
    /// <summary>
    /// How large a workbook's parts may be once decompressed. ClosedXML holds a whole workbook in memory
    /// (about 0.7 KB a cell), so this keeps a workbook to some hundreds of thousands of cells, far beyond a
    /// template kept by hand, and a zip bomb posing as a workbook costs nothing. Larger files go as CSV,
    /// which is streamed.
    /// </summary>
    public const long MaxExpandedBytes = 16L << 20;

    /// <summary>How far down a sheet its header may be: under a title, notes or blank rows.</summary>
    public const int RowsSearchedForHeader = 20;

    private readonly XLWorkbook _book;
    private readonly ImportSource _source;

    private TemplateWorkbook(XLWorkbook book, ImportSource source)
    {
        _book = book;
        _source = source;
    }

    /// <summary>
    /// A platform export saved as a workbook is refused before the workbook is loaded: exports are CSV,
    /// and the columns a spreadsheet would have reformatted (ids, times) cannot be trusted.
    /// </summary>
    public static ImportFileException ExportAsWorkbook(ImportSource source, string format) =>
        new($"{source.Name}: is an Excel workbook, and {format} files are read as CSV; download the export as CSV (or save the sheet as CSV UTF-8) and import that.");

    public static TemplateWorkbook Open(ImportedFile file)
    {
        EnsureExpandsWithinLimit(file);
        try
        {
            return new TemplateWorkbook(new XLWorkbook(file.OpenWorkbook()), file.Source);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // ClosedXML and the Open XML SDK report a damaged part in many ways (XML, packaging, format errors).
            throw new ImportFileException($"{file.Source.Name}: the workbook cannot be read ({exception.Message.TrimEnd('.')}); open it in a spreadsheet and save it again, or save the sheet as CSV UTF-8.");
        }
    }

    /// <summary>
    /// Streams every part through decompression, counting, before anything is loaded: a zip's own record of
    /// its sizes can lie, what comes out of the decompressor cannot.
    /// </summary>
    private static void EnsureExpandsWithinLimit(ImportedFile file)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        foreach (var part in file.WorkbookParts)
        {
            try
            {
                using var stream = part.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > MaxExpandedBytes)
                        throw new ImportFileException($"{file.Source.Name}: the workbook expands to more than {MaxExpandedBytes >> 20} MB, more than a template kept by hand; save the sheet as CSV UTF-8 and import that.");
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or NotSupportedException)
            {
                throw new ImportFileException($"{file.Source.Name}: the workbook is damaged ({part.FullName}: {exception.Message.TrimEnd('.')}); open it in a spreadsheet and save it again.");
            }
        }
    }

    /// <summary>The template to import and the sheet that holds it; <paramref name="named"/> is null for <c>auto</c>.</summary>
    public (IInventoryTemplate Template, SheetTable Sheet) Choose(IInventoryTemplate? named, ImportWording wording)
    {
        var sheets = _book.Worksheets.ToList();
        if (named is not null)
            return ChooseFor(named, sheets);

        var found = sheets
            .Select(sheet => (Sheet: sheet, Header: SheetTable.FindHeader(sheet, h => InventoryTemplates.RecogniseFilledIn(h) is not null, RowsSearchedForHeader)))
            .Where(s => s.Header is not null)
            .Select(s => (s.Sheet, Header: s.Header!, Template: InventoryTemplates.RecogniseFilledIn(s.Header!)!))
            .ToList();
        if (found.GroupBy(f => f.Template).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw SameTemplateTwice(twice.Key, twice.Select(f => f.Sheet));
        switch (found)
        {
            case [var only]:
                return (only.Template, Table(only.Sheet, only.Header));
            case []:
                throw NoTemplate(sheets);
        }
        // In the order the templates depend on one another: people before the tokens they own.
        var inOrder = found.OrderBy(f => IndexOf(f.Template)).ToList();
        throw new ImportFileException(
            $"{_source.Name}: holds {inOrder.Count} templates, on the sheets {string.Join(", ", inOrder.Select(f => $"{f.Sheet.Name} ({f.Template.Name})"))}; " +
            $"each import reads one, so {wording.ImportEach(inOrder.Select(f => f.Template.Name).ToList(), _source.FileName)}.");
    }

    private (IInventoryTemplate, SheetTable) ChooseFor(IInventoryTemplate template, List<IXLWorksheet> sheets)
    {
        var matching = sheets
            .Select(sheet => (Sheet: sheet, Header: SheetTable.FindHeader(sheet, template.Recognises, RowsSearchedForHeader)))
            .Where(s => s.Header is not null)
            .ToList();
        switch (matching)
        {
            case [var only]:
                return (template, Table(only.Sheet, only.Header!));
            case [_, _, ..]:
                throw SameTemplateTwice(template, matching.Select(m => m.Sheet));
        }
        // One sheet with anything on it is the one meant: read it, so its header's missing columns are named
        // as a CSV file's would be.
        var used = sheets.Where(s => s.LastRowUsed() is not null).ToList();
        if (used is [var sheet] && FirstHeader(sheet) is { } header)
            return (template, Table(sheet, header));
        throw new ImportFileException(
            $"{_source.Name}: no sheet has the {template.Name} template's header ({string.Join(", ", template.Columns.Where(c => c.Required).Select(c => c.Name))}); " +
            $"its sheets: {Describe(sheets)}.");
    }

    private ImportFileException NoTemplate(List<IXLWorksheet> sheets)
    {
        // A platform export pasted or saved into a workbook: say so rather than "no template".
        foreach (var sheet in sheets)
        {
            if (SheetTable.FindHeader(sheet, h => UsageFormats.Recognise(h) is not null, RowsSearchedForHeader) is { } header)
                return ExportAsWorkbook(_source with { Sheet = sheet.Name }, UsageFormats.Recognise(header)!.Name);
        }
        return new ImportFileException(
            $"{_source.Name}: no sheet has the header of an inventory template ({string.Join(", ", InventoryTemplates.All.Select(t => t.Name))}); " +
            $"its sheets: {Describe(sheets)}.");
    }

    private ImportFileException SameTemplateTwice(IInventoryTemplate template, IEnumerable<IXLWorksheet> sheets) =>
        new($"{_source.Name}: the sheets {string.Join(" and ", sheets.Select(s => s.Name))} both have the {template.Name} template's header, and which to import is unclear; " +
            "keep the one to import (or save it as CSV UTF-8) and import that.");

    private SheetTable Table(IXLWorksheet sheet, Csv.HeaderMap header) => new(sheet, _source with { Sheet = sheet.Name }, header);

    /// <summary>The sheet's first row with anything in it, below any blank rows, as a header.</summary>
    private static Csv.HeaderMap? FirstHeader(IXLWorksheet sheet) => SheetTable.FindHeader(sheet, static _ => true, RowsSearchedForHeader);

    /// <summary>"Instructions (starts with How to fill in), Notes (empty)": enough to tell which sheet is which.</summary>
    private static string Describe(List<IXLWorksheet> sheets) =>
        string.Join(", ", sheets.Select(sheet => FirstHeader(sheet) is { } header ? $"{sheet.Name} (starts with {header.Preview(4)})" : $"{sheet.Name} (empty)"));

    private static int IndexOf(IInventoryTemplate template) => InventoryTemplates.All.ToList().IndexOf(template);

    public void Dispose() => _book.Dispose();
}
