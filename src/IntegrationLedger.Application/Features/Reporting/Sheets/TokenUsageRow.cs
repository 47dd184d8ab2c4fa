using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>Where a token was configured, as it stood at the end of the period (the Token usage sheet).</summary>
internal sealed record TokenUsageRow(
    string? Token, string? Integration, string? Purpose, DateTime? Since, string? SetUpBy, string? Status, DateTime? PendingSince, DateTime? Confirmed, DateTime? Ended)
{
    public static SheetLayout<TokenUsageRow> Layout { get; } = new("Token usage", "TokenUsage",
    [
        new("Token", r => r.Token), new("Integration", r => r.Integration), new("Purpose", r => r.Purpose), new("Since (UTC)", r => r.Since),
        new("Set up by", r => r.SetUpBy), new("Status", r => r.Status), new("Pending since (UTC)", r => r.PendingSince),
        new("Confirmed (UTC)", r => r.Confirmed), new("Ended (UTC)", r => r.Ended),
    ], r => r.Status == "pending-update" ? RowMark.Warning : RowMark.None);

    public static TokenUsageRow From(ReplayedRow usage, ReportNames names) => new(
        names.Token(usage.Text("TokenId")), names.Integration(usage.Text("IntegrationId")), usage.Text("Purpose"), usage.Time("Since"),
        names.Email(usage.Text("SetUpById")), usage.Text("Status") is { } status ? KebabCase.Of(status) : null,
        usage.Time("PendingSince"), usage.Time("ConfirmedAt"), usage.Time("EndedAt"));
}
