using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Reporting.Workbook;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>A rule and its thresholds (the Method sheet): how the findings were found.</summary>
internal sealed record RuleRow(string Rule, Severity Severity, string Title, string Checks, string Settings)
{
    public static SheetLayout<RuleRow> Layout { get; } = new("Method", "Method",
    [
        new("Rule", r => r.Rule), new("Severity", r => r.Severity), new("Title", r => r.Title), new("What it checks", r => r.Checks),
        new("Settings", r => r.Settings),
    ]);

    public static RuleRow From(IRule rule) => new(
        rule.Id, rule.Severity, rule.Title, rule.Explanation, string.Join("; ", rule.Settings.Select(s => $"{rule.Id}.{s.Name} (default {s.Default})")));
}
