using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>The access exports, <c>account list/show</c> and <c>person train</c> as a user types them.</summary>
public class AccessCommandTests
{
    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static async Task<CliRunner> LedgerAsync()
    {
        var cli = await CliRunner.WithLedgerAsync();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return cli;
    }

    private static async Task ImportAllAsync(CliRunner cli)
    {
        foreach (var file in new[] { "user.csv", "permissionsetassignment.csv", "twofactormethodsinfo.csv", "userlogin.csv" })
        {
            var result = await cli.LedgerAsync("import", "auto", Sample(file), "--as-of", "2026-11-28T18:00:00Z");
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        }
    }

    [Test]
    public async Task ImportAuto_UserExport_SaysItsFormatAndMoment()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Sample("user.csv"), "--as-of", "2026-11-28T18:00:00Z");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("user.csv as sf-users (recognised from the header), as of 2026-11-28 18:00 UTC."));
        Assert.That(result.Out, Does.Contain("read 12, accounts 12 (12 new), first recorded 12, changed 0, unchanged 0, history 0, rejected 0"));
    }

    [Test]
    public async Task Import_ExportOfUnknownUsers_ExitsTwoNamingFileLineAndField()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Sample("twofactormethodsinfo.csv"), "--as-of", "2026-11-28");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("twofactormethodsinfo.csv, line 2, UserId: user 005xx000001Va1MAAS is in no User export the ledger holds"));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM AccessSnapshots"), Is.Zero);
    }

    [Test]
    public async Task Import_AsOfThatIsNoMoment_ExitsTwo()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("import", "auto", Sample("user.csv"), "--as-of", "yesterday");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("--as-of 'yesterday' is not a date"));
    }

    [Test]
    public async Task Import_OlderExport_SaysItIsKeptAsHistory()
    {
        using var cli = await LedgerAsync();
        await ImportAllAsync(cli);

        var result = await cli.LedgerAsync("import", "auto", Sample("permissionsetassignment-earlier.csv"), "--as-of", "2026-11-21");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("kept as history, not taken as the current state"));
    }

    [Test]
    public async Task AccountList_Filters_AndShow_TellsTheAccessAndItsHistory()
    {
        using var cli = await LedgerAsync();
        await ImportAllAsync(cli);

        var powerful = (await cli.LedgerAsync("account", "list", "--integration-users", "--powerful", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("username").GetString()).ToList();
        var noMfa = (await cli.LedgerAsync("account", "list", "--no-mfa", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("username").GetString()).ToList();
        var oldPasswords = (await cli.LedgerAsync("account", "list", "--password-older-than", "365", "--json")).Json.EnumerateArray().Select(a => a.GetProperty("username").GetString()).ToList();
        var show = await cli.LedgerAsync("account", "show", "ETL.BOT@example.com");
        var before = await cli.LedgerAsync("account", "show", "etl.bot@example.com", "--as-of", "2026-11-27");

        Assert.That(powerful, Is.EqualTo(new[] { "etl.bot.old@example.com", "etl.bot@example.com", "integration.sync@example.com" }));
        Assert.That(noMfa, Does.Contain("admin.ops@example.com").And.Not.Contain("mulesoft.api@example.com").And.Not.Contain("j.rivera@example.com"));
        Assert.That(oldPasswords, Is.EqualTo(new[] { "a.okafor@example.com", "etl.bot.old@example.com", "integration.sync@example.com" }));
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Out, Does.Contain("Powerful permissions: Modify All Data, View All Data").And.Contain("Orbit_BI_Full_Access").And.Contain("Signs in: browser and API"));
        Assert.That(before.Out, Does.Contain("No access export describes this account by then"));
    }

    [Test]
    public async Task AccountShow_UnknownAccount_SaysSo()
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("account", "show", "nobody@example.com");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("No account 'nobody@example.com'"));
    }

    [Test]
    public async Task PersonTrain_RecordsOnce_AndThePersonShowsIt()
    {
        using var cli = await LedgerAsync();
        await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");

        var first = await cli.LedgerAsync("person", "train", "ana@example.com", "--on", "2026-10-01", "--course", "Secure integrations");
        var again = await cli.LedgerAsync("person", "train", "ana@example.com", "--on", "2026-10-01", "--course", "Secure integrations");
        var shown = await cli.LedgerAsync("person", "show", "ana@example.com");
        var badDate = await cli.LedgerAsync("person", "train", "ana@example.com", "--on", "01/10/2026");

        Assert.That(first.Out, Does.Contain("Recorded: Ana Lima <ana@example.com> completed Secure integrations on 2026-10-01."));
        Assert.That(again.Out, Does.Contain("was already recorded; nothing changed"));
        Assert.That(shown.Out, Does.Contain("Security training: Secure integrations on 2026-10-01"));
        Assert.That(badDate.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM TrainingRecords"), Is.EqualTo(1));
    }
}
