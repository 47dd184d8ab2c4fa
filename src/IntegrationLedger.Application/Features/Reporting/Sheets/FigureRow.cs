using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A figure of the Summary sheet, with a note that puts it in proportion; no value where nothing could be counted (the note says why).</summary>
internal sealed record FigureRow(string Figure, long? Value, string? Note = null)
{
    public static SheetLayout<FigureRow> Layout { get; } = new("Summary", "SummaryFigures",
        [new("Figure", r => r.Figure), new("Value", r => r.Value), new("Note", r => r.Note)]);
}
