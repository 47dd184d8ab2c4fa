using System.Globalization;
using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A security training completion the ledger held at the end of the period (the Training sheet).</summary>
internal sealed record TrainingRow(string? Person, string? Course, DateOnly? CompletedOn, string? RecordedBy, DateTime? Recorded)
{
    public static SheetLayout<TrainingRow> Layout { get; } = new("Training", "Training",
    [
        new("Person", r => r.Person), new("Course", r => r.Course), new("Completed on", r => r.CompletedOn), new("Recorded by", r => r.RecordedBy),
        new("Recorded (UTC)", r => r.Recorded),
    ]);

    public static TrainingRow From(ReplayedRow record, ReportNames names) => new(
        names.Email(record.Text("PersonId")), record.Text("Course"),
        DateOnly.TryParseExact(record.Text("CompletedOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : null,
        record.Text("RecordedBy"), record.Time("RecordedAt"));
}
