using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A reset (with each integration's confirmation) or a revocation (the Rotations and revocations sheet).</summary>
internal sealed record LifecycleRow(string Token, string Event, DateTime At, string? Integration, DateTime? Confirmed, double? HoursToConfirm, string? Note)
{
    public const string Reset = "reset";
    public const string Revoked = "revoked";

    /// <summary>A reset that an integration never confirmed: it may still hold the old value.</summary>
    public static SheetLayout<LifecycleRow> Layout { get; } = new("Rotations and revocations", "Lifecycle",
    [
        new("Token", r => r.Token), new("Event", r => r.Event), new("At (UTC)", r => r.At), new("Integration", r => r.Integration),
        new("Confirmed updated (UTC)", r => r.Confirmed), new("Hours to confirm", r => r.HoursToConfirm), new("Reason or note", r => r.Note),
    ], r => r.Event == Reset && r.Integration is not null && r.Confirmed is null ? RowMark.Alert : RowMark.None);
}
