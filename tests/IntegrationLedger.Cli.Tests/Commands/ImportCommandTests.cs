using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

public class ImportCommandTests
{
    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static Task<CliRunner> LedgerAsync() => CliRunner.WithLedgerAsync();

    [Test]
    public async Task ImportAuto_SaysWhichFormatItChoseAndSummarises()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Sample("elf-login.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("sf-elf (recognised from the header)"));
        Assert.That(result.Out, Does.Contain("read 12, added 12, duplicates 0, rejected 0, attributed 0, unattributed 12"));
    }

    [Test]
    public async Task Import_Twice_AddsNothingTheSecondTime()
    {
        using var cli = await LedgerAsync();
        await cli.LedgerAsync("import", "sf-elf", Sample("elf-api.csv"));

        var again = await cli.LedgerAsync("import", "sf-elf", Sample("elf-api.csv"), "--json");

        Assert.That(again.ExitCode, Is.Zero);
        Assert.That(again.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.Zero);
        Assert.That(again.Json.GetProperty("counts").GetProperty("duplicates").GetInt64(), Is.EqualTo(10));
    }

    [Test]
    public async Task Import_BadRows_ExitTwoNamingFileLineAndFieldOfEach()
    {
        using var cli = await LedgerAsync();
        var file = Path.Combine(cli.Folder, "logins.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "Id,UserId,LoginTime,SourceIp,Status",
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00Z,192.0.2.10,Success",
            "0Yaxx0000000002,005xx000001Sv7AAAS,yesterday,192.0.2.10,Success",
            "0Yaxx0000000003,not-an-id,2026-11-28T08:00:00Z,192.0.2.10,Success",
            "0Yaxx0000000004,005xx000001Sv7AAAS,2026-11-28T09:00:00Z,999.1.1.1,Success",
            ""));
        var errors = Path.Combine(cli.Folder, "rejected.csv");

        var result = await cli.LedgerAsync("import", "sf-loginhistory-api", file, "--errors", errors);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"{file}, line 3, LoginTime: 'yesterday'"));
        Assert.That(result.Error, Does.Contain($"{file}, line 4, UserId: 'not-an-id'"));
        Assert.That(result.Error, Does.Contain($"{file}, line 5, SourceIp: '999.1.1.1'"));
        Assert.That(result.Error, Does.Contain("nothing was imported"));
        Assert.That(File.ReadAllLines(errors), Has.Length.EqualTo(4));
        var events = (await cli.LedgerAsync("audit", "log", "--json")).Json.EnumerateArray().Count(e => e.GetProperty("action").GetString()!.StartsWith("import", StringComparison.Ordinal));
        Assert.That(events, Is.Zero);
    }

    [Test]
    public async Task Import_DryRun_ExitsZeroAndWritesNothing()
    {
        using var cli = await LedgerAsync();

        var dry = await cli.LedgerAsync("import", "auto", Sample("elf-api.csv"), "--dry-run");
        var real = await cli.LedgerAsync("import", "auto", Sample("elf-api.csv"), "--json");

        Assert.That(dry.ExitCode, Is.Zero, dry.ToString());
        Assert.That(dry.Out, Does.Contain("Dry run").And.Contain("would add 10"));
        Assert.That(real.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(10), "the dry run left nothing behind");
    }

    [Test]
    public async Task Import_SetupDownloadWithoutZone_ExitsTwoAskingForIt()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "sf-login-history", Sample("login-history-setup-download.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("--time-zone").And.Contain("line 2"));
    }

    [TestCase("sf-elf", "loginhistory-api-fields.csv", "EVENT_TYPE")]
    [TestCase("sf-oauth-tokens", "elf-api.csv", "AppName")]
    [TestCase("nonsense", "elf-api.csv", "nonsense")]
    public async Task Import_WrongFormatForTheFile_ExitsTwoNamingWhatIsMissing(string format, string file, string mentioned)
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", format, Sample(file));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain(mentioned));
    }

    [Test]
    public async Task Import_MissingFile_ExitsTwo()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Path.Combine(cli.Folder, "missing.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("missing.csv"));
    }

    [TestCase("people", "email,name,department,departed_on,trained_on")]
    [TestCase("token-usages", "token,integration,purpose,since,set_up_by")]
    public async Task Template_PrintsTheHeader(string template, string header)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(["template", template]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Out.Trim(), Is.EqualTo(header));
    }

    [Test]
    public async Task ImportAuto_InventoryTemplate_IsRecognisedAndApplied()
    {
        using var cli = await LedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var people = Path.Combine(AppContext.BaseDirectory, "samples", "inventory", "people.csv");

        var result = await cli.LedgerAsync("import", "auto", people);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("people template (recognised from the header)").And.Contain("created 4"));
        Assert.That((await cli.LedgerAsync("person", "list", "--json")).Json.GetArrayLength(), Is.EqualTo(4));
    }

    [Test]
    public async Task Export_WritesTheFileAndRefusesAMissingFolder()
    {
        using var cli = await LedgerAsync();
        await cli.LedgerAsync("import", "auto", Sample("elf-api.csv"));
        var target = Path.Combine(cli.Folder, "events.json");

        var ok = await cli.LedgerAsync("export", "events", "--format", "json", "--out", target);
        var missing = await cli.LedgerAsync("export", "events", "--format", "csv", "--out", Path.Combine(cli.Folder, "no", "events.csv"));
        var badTable = await cli.LedgerAsync("export", "secrets", "--format", "csv", "--out", target);

        Assert.That(ok.ExitCode, Is.Zero, ok.ToString());
        Assert.That(System.Text.Json.JsonDocument.Parse(File.ReadAllText(target)).RootElement.GetArrayLength(), Is.EqualTo(10));
        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(missing.Error, Does.Contain("does not exist"));
        Assert.That(badTable.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }
}
