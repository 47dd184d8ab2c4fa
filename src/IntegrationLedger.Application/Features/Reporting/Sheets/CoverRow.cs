using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A line of the Cover sheet: what the workbook is, and the audit chain's state it was made from.</summary>
internal sealed record CoverRow(string Item, object Value, bool Alert = false)
{
    public static SheetLayout<CoverRow> Layout { get; } = new("Cover", "Cover",
        [new("Item", r => r.Item), new("Value", r => r.Value)], r => r.Alert ? RowMark.Alert : RowMark.None);
}
