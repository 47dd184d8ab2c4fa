using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A person who left during the period and a token they owned (the Offboarding sheet).</summary>
internal sealed record OffboardingRow(string? Person, DateOnly DepartedOn, string? Token, string? TokenStatus, DateTime? Revoked, double? DaysToRevocation)
{
    /// <summary>A departed person's token still active at the end of the period.</summary>
    public static SheetLayout<OffboardingRow> Layout { get; } = new("Offboarding", "Offboarding",
    [
        new("Person", r => r.Person), new("Departed on", r => r.DepartedOn), new("Token", r => r.Token),
        new("Token status at the end of the period", r => r.TokenStatus), new("Revoked (UTC)", r => r.Revoked),
        new("Days from departure to revocation", r => r.DaysToRevocation),
    ], r => r.TokenStatus == "active" ? RowMark.Alert : RowMark.None);
}
