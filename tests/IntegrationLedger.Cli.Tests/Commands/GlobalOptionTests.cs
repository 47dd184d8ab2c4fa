using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

public class GlobalOptionTests
{
    [Test]
    public async Task Database_ComesFromLedgerDbWhenNoOptionIsGiven()
    {
        using var cli = new CliRunner();
        cli.Variables[GlobalOptions.DatabaseVariable] = cli.DatabasePath;

        var init = await cli.RunAsync(["init"]);
        var add = await cli.RunAsync(["person", "add", "--email", "ana@example.com", "--name", "Ana"]);

        Assert.That(init.ExitCode + add.ExitCode, Is.Zero, init + "\n" + add);
        Assert.That(File.Exists(cli.DatabasePath), Is.True);
        Assert.That((await cli.LedgerAsync("person", "list", "--json")).Json.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task DbOption_BeatsTheEnvironmentAndWorksAfterTheCommandToo()
    {
        using var cli = new CliRunner();
        cli.Variables[GlobalOptions.DatabaseVariable] = Path.Combine(cli.Folder, "other.db");

        var init = await cli.RunAsync(["init", "--db", cli.DatabasePath]);

        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(File.Exists(cli.DatabasePath), Is.True);
        Assert.That(File.Exists(Path.Combine(cli.Folder, "other.db")), Is.False);
    }

    [Test]
    public async Task Actor_IsRecordedInTheAuditLog()
    {
        using var cli = new CliRunner();
        await cli.LedgerAsync("init");

        await cli.LedgerAsync("--actor", "gus.meyer", "person", "add", "--email", "ana@example.com", "--name", "Ana");

        var log = (await cli.LedgerAsync("audit", "log", "--json")).Json;
        Assert.That(log[log.GetArrayLength() - 1].GetProperty("actor").GetString(), Is.EqualTo("gus.meyer"));
        Assert.That(log[0].GetProperty("actor").GetString(), Is.EqualTo("tester"), "the OS user when --actor is absent");
    }

    [Test]
    public async Task Init_Twice_IsIdempotent()
    {
        using var cli = new CliRunner();

        var first = await cli.LedgerAsync("init");
        var second = await cli.LedgerAsync("init");

        Assert.That(first.Out, Does.StartWith("Created"));
        Assert.That(second.ExitCode, Is.Zero);
        Assert.That(second.Out, Does.StartWith("Up to date"));
        Assert.That((await cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Help_ListsTheCommands()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(["--help"]);

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Out, Does.Contain("init").And.Contain("demo").And.Contain("token").And.Contain("audit").And.Contain("--db"));
    }
}
