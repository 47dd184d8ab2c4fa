using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Issue #20, point 10: a misspelt command or option is answered with the nearest real one, every hint
/// names the help of the command that was typed, options that do not apply are refused, the lists filter
/// as the web's do, and tables never split an email or a label.
/// </summary>
public class CommandLineUsabilityTests
{
    private const string LongEmail = "ana.lima.longname@example.com";
    private const string LongLabel = "etl-token-with-a-long-label";
    private const string LongAccount = "integration.sync.user@example.com";

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        foreach (var args in new[]
        {
            new[] { "person", "add", "--email", LongEmail, "--name", "Ana Lima" },
            ["--actor", "gus", "person", "add", "--email", "ben@example.com", "--name", "Ben Okafor"],
            ["integration", "add", "--name", "Nightly ETL Sync", "--owner", LongEmail, "--purpose", "Sync accounts to the warehouse every night"],
            ["integration", "add", "--name", "Undocumented job"],
            ["token", "add", "--label", LongLabel, "--kind", "salesforce-security-token", "--owner", LongEmail, "--account", LongAccount, "--rotate-every", "30", "--last-rotated", "2026-05-01"],
            ["token", "add", "--label", "ben-key", "--kind", "api-key", "--owner", "ben@example.com"],
            ["token", "use", LongLabel, "--by", "Nightly ETL Sync", "--purpose", "API login from the ETL host"],
        })
        {
            var result = await _cli.LedgerAsync(args);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    [TestCase(new[] { "tokn", "list" }, "'tokn' is not a ledger command. Did you mean 'token'?", "Run 'ledger --help' for the commands.")]
    [TestCase(new[] { "token", "lsit" }, "'lsit' is not a ledger token command. Did you mean 'list'?", "Run 'ledger token --help' for its commands.")]
    [TestCase(new[] { "findngs" }, "'findngs' is not a ledger command. Did you mean 'findings'?", "Run 'ledger --help' for the commands.")]
    [TestCase(new[] { "token", "list", "--ownr", "ana@example.com" }, "'--ownr' is not an option of ledger token list. Did you mean '--owner'?", "Run 'ledger token list --help' for its options.")]
    [TestCase(new[] { "audit", "lgo" }, "'lgo' is not a ledger audit command. Did you mean 'log'?", "Run 'ledger audit --help' for its commands.")]
    public async Task Misspelling_IsAnsweredWithTheNearestNameAndTheCommandsOwnHelp(string[] args, string sentence, string hint)
    {
        var result = await _cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { sentence, hint }), "one sentence, then the hint; nothing about the words after the typo");
    }

    [Test]
    public async Task UnknownCommand_WithNothingNear_SaysSoWithoutAGuess()
    {
        var result = await _cli.LedgerAsync("frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(ErrorLines(result), Is.EqualTo(new[] { "'frobnicate' is not a ledger command.", "Run 'ledger --help' for the commands." }));
    }

    [TestCase(new[] { "token", "add", "--label", "x" }, "ledger token add")]
    [TestCase(new[] { "token", "list", "--kind", "api" }, "ledger token list")]
    [TestCase(new[] { "audit", "log", "--since", "yesterday" }, "ledger audit log")]
    [TestCase(new[] { "token" }, "ledger token")]
    [TestCase(new[] { "review", "status", "--quarter", "Q9" }, "ledger review status")]
    public async Task EveryParseError_PointsToTheHelpOfTheCommandTyped(string[] args, string command)
    {
        var result = await _cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(ErrorLines(result)[^1], Does.StartWith($"Run '{command} --help' for its "));
        Assert.That(result.Error, Does.Not.Contain("'ledger --help'"));
    }

    [Test]
    public async Task GroupWithoutACommand_NamesItsCommands()
    {
        var result = await _cli.LedgerAsync("token");

        Assert.That(ErrorLines(result)[0], Is.EqualTo("ledger token needs one of its commands: add, list, show, use, reset-plan, reset, confirm, revoke, set-owner, find."));
    }

    [Test]
    [Category(TestProcess.Category)]
    public async Task Misspelling_InTheRealProcess_ExitsTwoWithTheSuggestion()
    {
        var result = await TestProcess.RunLedgerAsync(_cli.DatabasePath, "tokn", "list");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.StartWith("'tokn' is not a ledger command. Did you mean 'token'?"));
        Assert.That(result.Out, Is.Empty);
    }

    [TestCase(new[] { "token", "list", "--within", "10" }, "--within applies only with --due; add --due, or leave --within out.")]
    [TestCase(new[] { "token", "list", "--due", "false", "--within", "10" }, "--within applies only with --due; add --due, or leave --within out.")]
    [TestCase(new[] { "import", "tokens", "tokens.csv", "--time-zone", "UTC" }, "--time-zone applies only to platform exports; the tokens template writes dates as YYYY-MM-DD and times with their zone.")]
    [TestCase(new[] { "import", "people", "people.csv", "--day-first" }, "--day-first applies only to platform exports; the people template writes dates as YYYY-MM-DD and times with their zone.")]
    [TestCase(new[] { "--actor", "gus", "audit", "log" }, "'ledger --actor NAME' records changes as NAME, and 'audit log' makes none; to list NAME's changes, write 'ledger audit log --actor NAME'.")]
    public async Task OptionThatDoesNotApply_IsRefusedNotIgnored(string[] args, string sentence)
    {
        var result = await _cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(ErrorLines(result)[0], Is.EqualTo(sentence));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task TokenList_WithinWithDue_StillWorks()
    {
        var result = await _cli.LedgerAsync("token", "list", "--due", "--within", "10", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Labels(result), Is.EqualTo(new[] { LongLabel }), "rotated 2026-05-01 every 30 days: overdue");
    }

    [Test]
    public async Task AuditLog_ActorFiltersByWhoMadeTheChange()
    {
        var gus = await _cli.LedgerAsync("audit", "log", "--actor", "GUS", "--json");
        var tester = await _cli.LedgerAsync("audit", "log", "--actor", "tester", "--json");

        Assert.That(gus.ExitCode, Is.Zero, gus.ToString());
        Assert.That(gus.Json.EnumerateArray().Select(e => e.GetProperty("actor").GetString()), Is.EqualTo(new[] { "gus" }), "ben's person.add only, in any case");
        Assert.That(tester.Json.EnumerateArray().Select(e => e.GetProperty("actor").GetString()).Distinct(), Is.EqualTo(new[] { "tester" }));
        Assert.That(tester.Json.GetArrayLength(), Is.GreaterThan(3));
    }

    [Test]
    public async Task AuditLog_HelpListsOneActorOption_TheFilter()
    {
        var help = await _cli.RunAsync(["audit", "log", "--help"]);
        var other = await _cli.RunAsync(["person", "add", "--help"]);

        Assert.That(help.Out.Split('\n').Count(line => line.TrimStart().StartsWith("--actor", StringComparison.Ordinal)), Is.EqualTo(1), help.Out);
        Assert.That(help.Out, Does.Contain("Only the changes made by this actor"));
        Assert.That(other.Out, Does.Contain("Who the audit log records as making changes"), "every other command keeps the global option");
    }

    [Test]
    public async Task TokenList_FiltersByOwnerStatusAndKind()
    {
        await _cli.LedgerAsync("token", "revoke", "ben-key", "--reason", "unused");

        var ana = await _cli.LedgerAsync("token", "list", "--owner", "Ana.Lima.Longname@example.com", "--json");
        var revoked = await _cli.LedgerAsync("token", "list", "--status", "revoked", "--json");
        var apiKeys = await _cli.LedgerAsync("token", "list", "--kind", "api-key", "--owner", LongEmail, "--json");

        Assert.That(Labels(ana), Is.EqualTo(new[] { LongLabel }), "emails match whatever their case");
        Assert.That(Labels(revoked), Is.EqualTo(new[] { "ben-key" }));
        Assert.That(Labels(apiKeys), Is.Empty, "filters combine");
    }

    [Test]
    public async Task TokenList_OwnerNotInTheLedger_IsATypoToPointOut()
    {
        var result = await _cli.LedgerAsync("token", "list", "--owner", "ana@exmaple.com");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("ana@exmaple.com"));
    }

    [Test]
    public async Task Findings_FilterBySeverityAndRule_AfterEveryRuleRan()
    {
        var high = await _cli.LedgerAsync("findings", "--severity", "high", "--json");
        var undocumented = await _cli.LedgerAsync("findings", "--rule", "integration-undocumented", "--json");
        var none = await _cli.LedgerAsync("findings", "--severity", "critical");
        var all = await _cli.LedgerAsync("findings", "--json");

        Assert.That(high.ExitCode + undocumented.ExitCode + none.ExitCode, Is.Zero, high + "\n" + undocumented + "\n" + none);
        Assert.That(high.Json.EnumerateArray().Select(f => f.GetProperty("severity").GetString()).Distinct(), Is.EqualTo(new[] { "high" }));
        Assert.That(high.Json.EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Does.Contain("rotation-overdue"));
        Assert.That(undocumented.Json.EnumerateArray().Select(f => f.GetProperty("subject").GetString()), Is.EqualTo(new[] { "Undocumented job" }));
        Assert.That(none.Out, Does.Contain("No open findings match"));
        Assert.That(all.Json.GetArrayLength(), Is.GreaterThan(high.Json.GetArrayLength()), "the filter narrows the list, not the run");
    }

    [Test]
    public async Task Findings_UnknownRule_NamesTheRules()
    {
        var result = await _cli.LedgerAsync("findings", "--rule", "rotation-overdu");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(ErrorLines(result)[0], Does.StartWith("--rule 'rotation-overdu' is not a rule; 'ledger rules' lists them (rotation-overdue,"));
    }

    [Test]
    public async Task ReviewStatus_Owner_KeepsThatOwnersProgressToo()
    {
        await _cli.LedgerAsync("token", "use", "ben-key", "--by", "Undocumented job", "--purpose", "Nightly pull");
        var start = await _cli.LedgerAsync("review", "start", "--quarter", "2026-Q3");
        Assert.That(start.ExitCode, Is.Zero, start.ToString());

        var ben = await _cli.LedgerAsync("review", "status", "--owner", "BEN@example.com", "--json");

        Assert.That(ben.ExitCode, Is.Zero, ben.ToString());
        Assert.That(ben.Json.GetProperty("owners").EnumerateArray().Select(o => o.GetProperty("owner").GetString()), Is.EqualTo(new[] { "ben@example.com" }));
        Assert.That(ben.Json.GetProperty("itemList").EnumerateArray().Select(i => i.GetProperty("owner").GetString()).Distinct(), Is.EqualTo(new[] { "ben@example.com" }));
    }

    [Test]
    public async Task Import_SummaryNamesTheIntegrationsTheEventsWentTo()
    {
        await _cli.LedgerAsync("integration", "add", "--name", "Sync Job", "--match-account", "sync@example.com");
        var file = Path.Combine(_cli.Folder, "logins.csv");
        await File.WriteAllTextAsync(file, "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n" +
            "Login,20260601000000.000,r1,005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n" +
            "Login,20260601000100.000,r2,005xx000002Sv7A,someone@example.com,198.51.100.7,LOGIN_NO_ERROR\n");

        var result = await _cli.LedgerAsync("import", "auto", file);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("Imported: logins.csv as sf-elf (recognised from the header).\n  read 2, added 2, duplicates 0, rejected 0, attributed 1, unattributed 1"));
        Assert.That(result.Out, Does.Contain("Attributed to:").And.Contain("│ Sync Job    │ 1      │"));
        Assert.That(result.Out, Does.Contain("someone@example.com"));
    }

    [TestCase(40)]
    [TestCase(60)]
    [TestCase(100)]
    [TestCase(150)]
    [TestCase(250)]
    public async Task Tables_AtAnyWidth_NeverSplitAnEmailOrALabel(int columns)
    {
        _cli.Variables["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _cli.LedgerAsync("token", "reset", LongLabel);

        var tokens = await _cli.LedgerAsync("token", "list");
        var people = await _cli.LedgerAsync("person", "list");
        var integrations = await _cli.LedgerAsync("integration", "list");

        foreach (var result in new[] { tokens, people, integrations })
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Out.Split('\n').Select(l => l.TrimEnd()), Has.All.Length.LessThanOrEqualTo(columns), result.Out);
        }
        foreach (var whole in new[] { LongEmail, LongLabel, LongAccount, "salesforce-security-token" })
            Assert.That(tokens.Out, Does.Contain(whole), tokens.Out);
        Assert.That(people.Out, Does.Contain(LongEmail).And.Contain("ben@example.com"), people.Out);
        Assert.That(integrations.Out, Does.Contain("Nightly ETL Sync").Or.Contain("Nightly ETL"), integrations.Out);
    }

    [Test]
    public async Task Tables_WideEnough_StayTables_TooNarrow_BecomeOneBlockPerRow()
    {
        _cli.Variables["COLUMNS"] = "250";
        var wide = await _cli.LedgerAsync("person", "list");
        _cli.Variables["COLUMNS"] = "50";
        var narrow = await _cli.LedgerAsync("person", "list");

        Assert.That(wide.Out, Does.Contain("╭").And.Contain($"│ {LongEmail}"));
        Assert.That(narrow.Out, Does.Not.Contain("╭"));
        Assert.That(narrow.Out, Does.Contain($"Email       {LongEmail}\n").And.Contain("Name        Ana Lima\n"));
        Assert.That(narrow.Out, Does.Contain("Departed\n\nEmail"), "a blank line between rows");
    }

    [Test]
    public async Task Tables_BetweenWidths_WrapProseAtSpacesOnly()
    {
        var summaries = (await _cli.LedgerAsync("findings", "--json")).Json.EnumerateArray().Select(f => f.GetProperty("summary").GetString()!).ToList();
        _cli.Variables["COLUMNS"] = "160";

        var table = await _cli.LedgerAsync("findings");

        Assert.That(table.Out, Does.Contain("╭"), "narrower than its widest line, wider than its longest words: still a table");
        Assert.That(table.Out.Split('\n'), Has.All.Length.LessThanOrEqualTo(160), table.Out);
        var shown = table.Out.Split([' ', '\n', '│'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        foreach (var word in summaries.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            Assert.That(shown, Does.Contain(word), $"'{word}' whole\n{table.Out}");
    }

    private static string[] ErrorLines(CliResult result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<string?> Labels(CliResult result) =>
        result.Json.EnumerateArray().Select(t => t.GetProperty("label").GetString());
}
