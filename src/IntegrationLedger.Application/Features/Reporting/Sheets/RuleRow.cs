using System.Globalization;
using IntegrationLedger.Application.Common;
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

    /// <param name="stored">Each setting's value as the ledger kept it at the end of the period, by name.</param>
    /// <param name="changes">Who last set each setting before then, and when.</param>
    public static RuleRow From(IRule rule, IReadOnlyDictionary<string, string?> stored, IReadOnlyDictionary<string, SettingChange> changes) => new(
        rule.Id, rule.Severity, rule.Title, rule.Explanation,
        string.Join("; ", rule.Settings.Select(s => Setting($"{rule.Id}.{s.Name}", s, stored, changes))));

    /// <summary>
    /// "rotation-overdue.grace-days: 45 days (default 0, changed by ana@example.com on 2026-07-05)": the value in
    /// force beside the default, so a changed threshold is never read as the default.
    /// </summary>
    private static string Setting(string name, RuleSetting setting, IReadOnlyDictionary<string, string?> stored, IReadOnlyDictionary<string, SettingChange> changes)
    {
        // As the rules read it: a stored value outside the setting's range is ignored for the default.
        var value = stored.GetValueOrDefault(name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= setting.Min && number <= setting.Max ? number : setting.Default;
        var unit = setting.Name.EndsWith("days", StringComparison.Ordinal) ? " days" : "";
        var changed = changes.TryGetValue(name, out var change) ? $", changed by {change.Actor} on {DisplayText.Date(change.At)}" : "";
        return $"{name}: {value}{unit} (default {setting.Default}{changed})";
    }
}
