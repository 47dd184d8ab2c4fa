using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Domain.Findings;

namespace IntegrationLedger.Application.Features.Findings.Rules;

/// <summary>A connected app whose policy changed after its integration's vendor was last vetted.</summary>
public sealed class AppPolicyChangedRule : IRule
{
    public string Id => "app-policy-changed";
    public Severity Severity => Severity.Medium;
    public string Title => "Connected app changed since it was vetted";
    public string Explanation =>
        "The Setup Audit Trail records a change to the app (its OAuth policy, permitted users, IP relaxation, secret), or a later " +
        "ConnectedApplication export shows its policy changed, after the last vetting of the integration it belongs to: what was " +
        "approved is no longer what runs. Review the change and vet the vendor again. Apps of integrations never vetted are left to " +
        "vendor-not-vetted.";
    public IReadOnlyList<RuleSetting> Settings { get; } = [];

    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(RuleContext context, CancellationToken cancellationToken)
    {
        var register = await context.AppsAsync(cancellationToken);
        var results = new List<RuleResult>();
        foreach (var entry in register.Where(e => e.Integration?.LatestVetting is not null))
        {
            var vetting = entry.Integration!.LatestVetting!;
            var vettedEnd = vetting.ReviewedOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var changes = (await ShowConnectedAppHandler.HistoryAsync(context.Db, entry, cancellationToken)).Where(c => c.At >= vettedEnd).ToList();
            if (changes.Count == 0)
                continue;
            var listed = string.Join("; ", changes.Take(3).Select(c => $"{c.At:yyyy-MM-dd HH:mm} UTC {c.Who ?? "someone"} ({c.Source}): {c.What}"));
            var more = changes.Count > 3 ? $"; and {changes.Count - 3} more" : "";
            results.Add(new RuleResult("ConnectedApp", AppWording.Subject(entry, register),
                $"Connected app '{entry.Name}' of '{entry.Integration.Name}' changed {changes.Count} time{(changes.Count == 1 ? "" : "s")} after its vendor " +
                $"was vetted on {vetting.ReviewedOn:yyyy-MM-dd} by {vetting.Reviewer}: {listed}{more}."));
        }
        return results;
    }
}
