using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>An integration as it stood at the end of the period (the Integrations sheet).</summary>
internal sealed record IntegrationRow(string? Name, string? Vendor, string? Owner, string? Purpose, string? Environment, string? Network)
{
    /// <summary>No owner or no purpose: nobody answers for it, or nobody knows why it runs.</summary>
    public static SheetLayout<IntegrationRow> Layout { get; } = new("Integrations", "Integrations",
    [
        new("Integration", r => r.Name), new("Vendor", r => r.Vendor), new("Owner", r => r.Owner), new("Purpose", r => r.Purpose),
        new("Environment", r => r.Environment), new("Network", r => r.Network),
    ], r => r.Owner is null || r.Purpose is null ? RowMark.Warning : RowMark.None);

    public static IntegrationRow From(ReplayedRow integration, Func<string?, string?> email) => new(
        integration.Text("Name"), integration.Text("Vendor"), email(integration.Text("OwnerId")), integration.Text("Purpose"),
        integration.Text("Environment"), integration.Text("Network")?.ToLowerInvariant());
}
