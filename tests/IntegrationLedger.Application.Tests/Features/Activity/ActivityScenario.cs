using System.Globalization;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Features.Findings;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>A RestApi request as a test writes it into an Event Monitoring file.</summary>
internal sealed record ApiCall(DateTime At, string Entity, long Rows, long Bytes, string User = ActivityScenario.SyncUser, int Status = 200, string Ip = "192.0.2.10");

/// <summary>What the activity tests share: an integration recognised by its account, and RestApi files of its requests.</summary>
internal static class ActivityScenario
{
    public const string SyncUser = "integration.sync@example.com";
    public const string Integration = "Nightly ETL";

    public static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(Integration, "Acme", "ana@example.com", "Moves data", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.Account, SyncUser)]));
        return test;
    }

    /// <summary>The same request every day for <paramref name="days"/> days before <paramref name="until"/> (rows varying a little), and nothing else.</summary>
    public static IEnumerable<ApiCall> Habit(DateTime until, int days, string entity = "Account", long rows = 2_000, long bytes = 400_000, int spread = 100) =>
        Enumerable.Range(1, days).Select(d => new ApiCall(until.Date.AddDays(-d).AddHours(2), entity, rows + (d % 7 - 3) * spread / 3, bytes + (d % 5 - 2) * 1_000));

    public static async Task<UsageImportResult> ImportAsync(TestLedger test, IEnumerable<ApiCall> calls)
    {
        var lines = new List<string> { "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,CLIENT_IP,METHOD,STATUS_CODE,ENTITY_NAME,ROWS_PROCESSED,RESPONSE_SIZE" };
        foreach (var call in calls)
        {
            lines.Add(string.Join(",", "RestApi", call.At.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), $"req-{Guid.NewGuid():N}",
                RuleScenario.UserIds.GetValueOrDefault(call.User, "005xx000001Sv7A"), call.User, call.Ip, "GET", call.Status.ToString(CultureInfo.InvariantCulture),
                call.Entity, call.Rows.ToString(CultureInfo.InvariantCulture), call.Bytes.ToString(CultureInfo.InvariantCulture)));
        }
        var path = Samples.Write(test, $"restapi-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => $"{e.Line} {e.Field}: {e.Reason}")));
        return result;
    }
}
