using System.Globalization;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Findings;

/// <summary>What the rule tests share: a fixed moment, running the rules, and Login events imported from a generated file.</summary>
internal static class RuleScenario
{
    internal static readonly DateTime Now = TestLedger.Start.UtcDateTime;

    internal static async Task<IReadOnlyList<FindingView>> RunAsync(TestLedger test) => await new RunRulesHandler(test.Ledger).HandleAsync(new RunRules());

    internal static async Task<IReadOnlyList<FindingView>> FindingsOfAsync(TestLedger test, string rule) =>
        (await RunAsync(test)).Where(f => f.Rule == rule).ToList();

    /// <summary>An Event Monitoring Login file with the given rows, imported.</summary>
    internal static async Task ImportLoginsAsync(TestLedger test, params (DateTime At, string User, string Ip, string Status, string Client)[] rows)
    {
        var lines = new List<string> { "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS,BROWSER_TYPE,API_TYPE" };
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            lines.Add(string.Join(",", "Login", row.At.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), $"req-{Guid.NewGuid():N}",
                UserIds.GetValueOrDefault(row.User, "005xx000001Sv7A"), row.User, row.Ip, row.Status, row.Client, "P"));
        }
        var path = Samples.Write(test, $"logins-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));
        Assert.That(result.Errors, Is.Empty);
    }

    internal static readonly Dictionary<string, string> UserIds = new()
    {
        ["integration.sync@example.com"] = "005xx000001Sv7A",
        ["dana@example.com"] = "005xx000001Tb2c",
        ["someone@example.com"] = "005xx000001Va1M",
    };

    internal const string Success = "LOGIN_NO_ERROR";
    internal const string NeedsToken = "LOGIN_ERROR_MUST_USE_API_TOKEN";

    /// <summary>Ana owns "Nightly ETL" (client AcmeSync) and "Warehouse Backfill" (client backfill-job); both use etl-token of integration.sync.</summary>
    internal static async Task<TestLedger> SharedTokenLedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        foreach (var (name, client) in new[] { ("Nightly ETL", "AcmeSync"), ("Warehouse Backfill", "backfill-job") })
        {
            await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, "Acme", "ana@example.com", "Moves data", null, NetworkTrust.Untrusted,
                ["192.0.2.0/24"], [new(AttributionRuleKind.Account, "integration.sync@example.com"), new(AttributionRuleKind.ClientName, client)]));
            await new VetIntegrationHandler(test.Ledger).HandleAsync(new VetIntegration(name, DateOnly.FromDateTime(Now), "Gus", VettingOutcome.Approved, null, null));
        }
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("etl-token", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: "integration.sync@example.com", AccountUserId: "005xx000001Sv7A", RotateEveryDays: 90, IssuedAt: Now.AddDays(-30)));
        await test.UseTokenAsync("etl-token", "Nightly ETL");
        await test.UseTokenAsync("etl-token", "Warehouse Backfill");
        return test;
    }
}
