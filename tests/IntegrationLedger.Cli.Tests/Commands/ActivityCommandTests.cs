using System.Globalization;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary><c>ledger activity INTEGRATION</c>: the chart, its anomalous days, JSON, bad input, and <c>--rebuild</c>.</summary>
public class ActivityCommandTests
{
    private static readonly DateTime SpikeDay = new(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>"Nightly ETL" reads 2,000 Account rows every night for a month, then 250,000 Contact rows on 2026-11-28.</summary>
    private static async Task<CliRunner> LedgerAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        var added = await cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com", "--match-account", "integration.sync@example.com");
        Assert.That(added.ExitCode, Is.EqualTo(ExitCodes.Success), added.ToString());

        var lines = new List<string> { "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,CLIENT_IP,METHOD,STATUS_CODE,ENTITY_NAME,ROWS_PROCESSED,RESPONSE_SIZE" };
        void Call(DateTime at, string entity, long rows) => lines.Add(string.Join(",", "RestApi", at.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture),
            $"req-{lines.Count}", "005xx000001Sv7A", "integration.sync@example.com", "192.0.2.10", "GET", "200", entity,
            rows.ToString(CultureInfo.InvariantCulture), (rows * 200).ToString(CultureInfo.InvariantCulture)));
        for (var day = 30; day >= 1; day--)
            Call(SpikeDay.AddDays(-day).AddHours(2), "Account", 2_000 + day % 5 * 20);
        Call(SpikeDay.AddHours(3), "Contact", 250_000);
        var file = Path.Combine(cli.Folder, "restapi.csv");
        await File.WriteAllTextAsync(file, string.Join("\n", lines) + "\n");
        var imported = await cli.LedgerAsync("import", "sf-elf", file);
        Assert.That(imported.ExitCode, Is.EqualTo(ExitCodes.Success), imported.ToString());
        return cli;
    }

    [Test]
    public async Task Activity_DrawsTheSeriesAndListsTheAnomalousDay()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("activity", "Nightly ETL", "--days", "20");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("Nightly ETL: rows per day (UTC), 2026-11-09 to 2026-11-28; 1 anomalous day"));
        Assert.That(result.Out, Does.Contain("250,000 ┤"), "the top of the scale is the spike");
        var marks = result.Out.Split('\n').Single(l => l.TrimEnd().EndsWith('▲'));
        Assert.That(marks.Trim(), Is.EqualTo("▲"), "one spike, under the last day");
        Assert.That(result.Out, Does.Contain("2026-11-28").And.Contain("spike in rows, bytes returned; first touched Contact"));
    }

    [Test]
    public async Task Activity_AsJson_GivesEveryDayWithItsBaseline()
    {
        using var cli = await LedgerAsync();

        var json = (await cli.LedgerAsync("activity", "Nightly ETL", "--json")).Json;

        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.That(days, Has.Count.EqualTo(31));
        var last = days[^1];
        Assert.That(last.GetProperty("day").GetString(), Is.EqualTo("2026-11-28"));
        Assert.That(last.GetProperty("rows").GetInt64(), Is.EqualTo(250_000));
        Assert.That(last.GetProperty("rowsMedian").GetDouble(), Is.InRange(2_000, 2_100));
        Assert.That(last.GetProperty("newObjects").EnumerateArray().Select(o => o.GetString()), Is.EqualTo(new[] { "Contact" }));
        Assert.That(days.Take(30).All(d => d.GetProperty("spikes").GetArrayLength() == 0), Is.True);
    }

    [TestCase("activity", "No Such Integration")]
    [TestCase("activity", "Nightly ETL", "--days", "0")]
    [TestCase("activity")]
    public async Task Activity_BadInput_ExitsTwoSayingWhy(params string[] args)
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("No Such Integration").Or.Contain("--days").Or.Contain("Name the integration"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Rebuild_RecomputesTheSameBaselinesAndIsAudited()
    {
        using var cli = await LedgerAsync();
        const string Totals = "SELECT COUNT(*) * 1000000000 + SUM(Calls) * 1000 + SUM(Rows) % 1000 FROM ActivityDays";
        var before = cli.ScalarRaw(Totals);
        cli.ExecuteRaw("UPDATE ActivityDays SET Rows = 0");

        var result = await cli.LedgerAsync("activity", "--rebuild");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("Rebuilt the activity baselines from 31 events"));
        Assert.That(cli.ScalarRaw(Totals), Is.EqualTo(before));
        Assert.That(cli.ScalarRaw("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'activity.rebuilt'"), Is.EqualTo(1));
    }
}
