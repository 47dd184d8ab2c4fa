using System.Text.RegularExpressions;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary><c>ledger import sf-threat-events FILE</c>: named or recognised, its summary names unknown users, bad rows exit 2; the rule's findings.</summary>
public partial class ThreatEventsCommandTests
{
    private static string Threats(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "salesforce-threats", file);

    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static async Task<CliRunner> LedgerAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return cli;
    }

    /// <summary>The output as one line: the console wraps long sentences where its width ends.</summary>
    private static string Unwrapped(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Test]
    public async Task ImportSfThreatEvents_ImportsAndNamesTheUsersTheLedgerDoesNotKnow()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "sf-threat-events", Threats("threat-credentialstuffing.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var text = Unwrapped(result.Out);
        Assert.That(text, Does.Contain("Imported: threat-credentialstuffing.csv as sf-threat-events."));
        Assert.That(text, Does.Contain("read 10, added 10, duplicates 0, rejected 0, attributed 0, unattributed 10"));
        Assert.That(text, Does.Contain("10 Threat Detection events for users the ledger does not know: d.novak@example.com (2), j.rivera@example.com (2), " +
            "l.moreau@example.com (2), p.lindqvist@example.com (2), k.patel@example.com (1), s.ito@example.com (1)."));
        Assert.That(cli.ScalarRaw("SELECT COUNT(*) FROM UsageEvents WHERE EventType = 'CredentialStuffing'"), Is.EqualTo(10));
        Assert.That((await cli.LedgerAsync("audit", "verify")).ExitCode, Is.Zero, "the batch's digest covers the events' scores and evidence");
    }

    [Test]
    public async Task ImportAuto_RecognisesThreatEvents_AndJsonListsTheUnknownUsers()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Threats("threat-apianomaly.csv"), "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Json.GetProperty("format").GetString(), Is.EqualTo("sf-threat-events"));
        var unknown = result.Json.GetProperty("unknownUsers").EnumerateArray().Select(u => (u.GetProperty("user").GetString(), u.GetProperty("events").GetInt64())).ToList();
        Assert.That(unknown[0], Is.EqualTo(("etl.bot@example.com", 4L)));
        Assert.That(unknown.Sum(u => u.Item2), Is.EqualTo(11));
    }

    [Test]
    public async Task ImportSfThreatEvents_ABadRow_ExitsTwoNamingFileLineAndField_AndWritesNothing()
    {
        using var cli = await LedgerAsync();
        var file = Path.Combine(cli.Folder, "ApiAnomalyEventStore.csv");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Threats("threat-apianomaly.csv")))
            .Replace(",0.72,", ",-72,", StringComparison.Ordinal)
            .Replace("\"[{\"\"featureName\"\":\"\"dayOfWeek\"\"", "\"[{\"\"featureName\"\":dayOfWeek", StringComparison.Ordinal));

        var result = await cli.LedgerAsync("import", "sf-threat-events", file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"{file}, line 12, Score: '-72' is negative"));
        Assert.That(result.Error, Does.Contain($"{file}, line 4, SecurityEventData: ").And.Contain("is not valid JSON"));
        Assert.That(result.Error, Does.Contain("2 bad row(s); nothing was imported"));
        Assert.That(cli.ScalarRaw("SELECT COUNT(*) FROM UsageEvents"), Is.Zero);
        Assert.That(cli.ScalarRaw("SELECT COUNT(*) FROM ImportBatches"), Is.Zero);
    }

    [Test]
    public async Task ImportSfThreatEvents_AFileThatDoesNotTellItsStore_ExitsTwoWithOneError()
    {
        using var cli = await LedgerAsync();
        var file = Path.Combine(cli.Folder, "export.csv");
        await File.WriteAllTextAsync(file, "EventDate,EventIdentifier,Username,Score\n2026-11-28T03:15:30.486+0000,67b4e832-dc7f-4721-87ce-3146bf4bb806,etl.bot@example.com,0.97\n");

        var result = await cli.LedgerAsync("import", "sf-threat-events", file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.StartWith($"{file}, line 1: cannot tell which Threat Detection store this sf-threat-events file comes from"));
    }

    [Test]
    public async Task ImportHelp_ListsTheFormat()
    {
        using var cli = await LedgerAsync();

        var help = await cli.LedgerAsync("import", "--help");

        Assert.That(Unwrapped(help.Out), Does.Contain("sf-threat-events"));
    }

    [Test]
    public async Task ImportRun_OfBothSamples_NamesTheUnknownUsersOfAllItsFiles()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Threats("threat-apianomaly.csv"), Threats("threat-credentialstuffing.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(Unwrapped(result.Out), Does.Contain(
            "21 Threat Detection events for users the ledger does not know: etl.bot@example.com (4), d.novak@example.com (3), j.rivera@example.com (3), "));
    }

    [Test]
    public async Task Findings_AfterTheAccountsAreKnown_GiveOnePerEventWithItsSeverity()
    {
        using var cli = await LedgerAsync();
        Assert.That((await cli.LedgerAsync("import", "auto", Sample("user.csv"), "--as-of", "2026-11-28T18:00:00Z")).ExitCode, Is.Zero);
        await cli.LedgerAsync("import", "auto", Threats("threat-apianomaly.csv"));
        var imported = await cli.LedgerAsync("import", "auto", Threats("threat-credentialstuffing.csv"));
        Assert.That(Unwrapped(imported.Out), Does.Not.Contain("does not know"), "user.csv has every user of the samples");

        var findings = (await cli.LedgerAsync("findings", "--json")).Json.EnumerateArray()
            .Where(f => f.GetProperty("rule").GetString() == "salesforce-threat-detection")
            .ToDictionary(f => f.GetProperty("subject").GetString()!, f => f.GetProperty("severity").GetString());

        Assert.That(findings, Has.Count.EqualTo(21));
        Assert.That(findings["ApiAnomaly:67b4e832-dc7f-4721-87ce-3146bf4bb806"], Is.EqualTo("critical"));
        Assert.That(findings["ApiAnomaly:6aa1a66c-5fcc-4cc8-b941-3c494e3a9bf3"], Is.EqualTo("high"));
        Assert.That(findings["ApiAnomaly:5019dfa2-870d-436c-a41d-545f64067743"], Is.EqualTo("medium"));
        var rules = await cli.LedgerAsync("rules");
        Assert.That(Unwrapped(rules.Out), Does.Contain("setting salesforce-threat-detection.critical-from (default 80)"));
    }
}
