using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>An item of the quarter's access review and its owner's decision (the Access review sheet).</summary>
internal sealed record ReviewRow(string Item, string Owner, string Kind, string Subject, ReviewDecision? Decision, string? Note, string? DecidedBy, DateTime? Decided)
{
    /// <summary>An item nobody has attested yet.</summary>
    public static SheetLayout<ReviewRow> Layout { get; } = new("Access review", "AccessReview",
    [
        new("Item", r => r.Item), new("Owner", r => r.Owner), new("Kind", r => r.Kind), new("Subject", r => r.Subject),
        new("Decision", r => r.Decision), new("Note", r => r.Note), new("Decided by", r => r.DecidedBy), new("Decided (UTC)", r => r.Decided),
    ], r => r.Decision is null ? RowMark.Warning : RowMark.None);
}
