using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

public class FindingsAndReviewCommandTests
{
    private static async Task<CliRunner> LedgerWithOverdueTokenAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        foreach (var args in new[]
        {
            new[] { "person", "add", "--email", "ana@example.com", "--name", "Ana Lima" },
            ["integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com", "--purpose", "ETL"],
            ["token", "add", "--label", "etl-token", "--kind", "api-key", "--owner", "ana@example.com", "--rotate-every", "30", "--last-rotated", "2026-05-01"],
            ["token", "use", "etl-token", "--by", "Nightly ETL", "--purpose", "API login"],
        })
        {
            var result = await cli.LedgerAsync(args);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
        return cli;
    }

    [Test]
    public async Task Findings_ListsTheOverdueTokenOnce_AndResolveClosesIt()
    {
        using var cli = await LedgerWithOverdueTokenAsync();

        var first = await cli.LedgerAsync("findings", "--json");
        var second = await cli.LedgerAsync("findings", "--json");

        var overdue = second.Json.EnumerateArray().Where(f => f.GetProperty("rule").GetString() == "rotation-overdue").ToList();
        Assert.That(first.ExitCode + second.ExitCode, Is.Zero);
        Assert.That(overdue, Has.Count.EqualTo(1));
        Assert.That(overdue[0].GetProperty("occurrences").GetInt32(), Is.EqualTo(2));

        var id = overdue[0].GetProperty("id").GetString()!;
        var resolve = await cli.LedgerAsync("finding", "resolve", id, "--note", "Retiring the token");
        Assert.That(resolve.ExitCode, Is.Zero, resolve.ToString());
        Assert.That(resolve.Out, Does.Contain("resolved"));

        var all = await cli.LedgerAsync("findings", "--all", "--json");
        Assert.That(all.Json.EnumerateArray().Any(f => f.GetProperty("id").GetString() == id && f.GetProperty("note").GetString() == "Retiring the token"), Is.True);
        var missingNote = await cli.LedgerAsync("finding", "ack", id);
        Assert.That(missingNote.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public async Task FindingAck_TakesSeveralIds_WithOneNote_AndAnUnknownOneChangesNone()
    {
        using var cli = await LedgerWithOverdueTokenAsync();
        var second = await cli.LedgerAsync("token", "add", "--label", "etl-token-2", "--kind", "api-key", "--owner", "ana@example.com", "--rotate-every", "30", "--last-rotated", "2026-05-01");
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        var ids = (await cli.LedgerAsync("findings", "--json")).Json.EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString() == "rotation-overdue").Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.That(ids, Has.Length.EqualTo(2));

        var unknown = await cli.LedgerAsync(["finding", "ack", ids[0], "0badf00d", "--note", "Both reset on Friday"]);
        var both = await cli.LedgerAsync(["finding", "ack", .. ids, "--note", "Both reset on Friday", "--json"]);

        Assert.That(unknown.ExitCode, Is.Not.Zero);
        Assert.That(unknown.Error, Does.Contain("0badf00d"));
        Assert.That(both.ExitCode, Is.Zero, both.ToString());
        Assert.That(both.Json.EnumerateArray().Select(f => f.GetProperty("status").GetString()), Is.EqualTo(new[] { "acknowledged", "acknowledged" }));
    }

    [Test]
    public async Task Settings_SetChangesAThresholdAndRefusesUnknownNames()
    {
        using var cli = await LedgerWithOverdueTokenAsync();

        var set = await cli.LedgerAsync("settings", "set", "rotation-overdue.grace-days", "365");
        var unknown = await cli.LedgerAsync("settings", "set", "rotation-overdue.nonsense", "1");
        var findings = await cli.LedgerAsync("findings", "--json");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(findings.Json.EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Has.No.Member("rotation-overdue"));
        var list = await cli.LedgerAsync("settings", "list", "--json");
        Assert.That(list.Json.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "rotation-overdue.grace-days").GetProperty("value").GetInt32(), Is.EqualTo(365));
    }

    [Test]
    public async Task Review_StartAttestAndStatus()
    {
        using var cli = await LedgerWithOverdueTokenAsync();

        var start = await cli.LedgerAsync("review", "start", "--quarter", "2026Q3", "--json");
        Assert.That(start.ExitCode, Is.Zero, start.ToString());
        var items = start.Json.GetProperty("itemList").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.That(items, Has.Count.EqualTo(2));

        var both = await cli.LedgerAsync("review", "attest", items[0], "--keep", "--revoke", "--note", "x");
        Assert.That(both.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        foreach (var item in items)
            Assert.That((await cli.LedgerAsync("review", "attest", item, "--keep", "--note", "Still needed")).ExitCode, Is.Zero);

        var status = await cli.LedgerAsync("review", "status", "--quarter", "Q3-2026", "--items");
        Assert.That(status.Out, Does.Contain("Access review 2026-Q3: completed"));
        Assert.That(status.Out, Does.Contain("keep"));
    }

    [Test]
    public async Task Rules_ExplainsEveryRule()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(["rules"]);

        Assert.That(result.Out, Does.Contain("rotation-overdue").And.Contain("not-updated-after-reset").And.Contain("shadow-integration").And.Contain("access-review-overdue"));
    }
}
