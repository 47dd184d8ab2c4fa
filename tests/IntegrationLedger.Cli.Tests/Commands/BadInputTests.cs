using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>Bad input gets one clear message, exit code 2, no stack trace, and no change to the ledger.</summary>
public class BadInputTests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        await _cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com");
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private static readonly object[] Cases =
    [
        new object[] { new[] { "person", "add", "--email", "not-an-email", "--name", "X" }, "email" },
        new object[] { new[] { "person", "add", "--email", "ana@example.com", "--name", "Ana again" }, "already" },
        new object[] { new[] { "person", "add", "--name", "No Email" }, "--email" },
        new object[] { new[] { "person", "show", "nobody@example.com" }, "nobody@example.com" },
        new object[] { new[] { "person", "offboard", "ana@example.com", "--on", "30/09/2026" }, "YYYY-MM-DD" },
        new object[] { new[] { "integration", "add", "--name", "Bad Net", "--allow-cidr", "192.0.2.7/24" }, "host bits" },
        new object[] { new[] { "integration", "add", "--name", "Bad Trust", "--network", "sometimes" }, "sometimes" },
        new object[] { new[] { "integration", "vet", "Nightly ETL", "--reviewer", "Gus", "--outcome", "maybe" }, "maybe" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "password-ish", "--owner", "ana@example.com" }, "password-ish" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--issued", "2026-07-01T10:00:00" }, "zone" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--account", "a@example.com", "--account-user-id", "005xx000001Sv7AAAA" }, "005xx000001Sv7AAAA" },
        new object[] { new[] { "token", "use", "missing-token", "--by", "Nightly ETL", "--purpose", "x" }, "missing-token" },
        new object[] { new[] { "token", "revoke", "missing-token", "--reason", "stolen" }, "stolen" },
        new object[] { new[] { "token", "frobnicate" }, "frobnicate" },
        new object[] { new[] { "audit", "log", "--since", "yesterday" }, "yesterday" },
        new object[] { new[] { "audit", "verify", "--anchor", "3:not-a-hash" }, "--anchor" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--rotate-every", "abc" }, "--rotate-every" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--issued", "2099-01-01" }, "passed" },
        new object[] { new[] { "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--issued", "1960-01-01" }, "2000" },
        new object[] { new[] { "person", "offboard", "ana@example.com", "--on", "2099-12-31" }, "future" },
        new object[] { new[] { "--db", "", "person", "list" }, "--db" },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task BadInput_ExitsTwoWithOneMessageAndChangesNothing(string[] args, string mentioned)
    {
        var entriesBefore = (await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength();

        var result = await _cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain(mentioned));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace without --verbose");
        Assert.That((await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength(), Is.EqualTo(entriesBefore));
    }

    [Test]
    public async Task TokenAdd_ShortSecret_IsRefusedWithoutEchoingIt()
    {
        var result = await _cli.LedgerWithInputAsync("abc1234", "token", "add", "--label", "t", "--kind", "api-key", "--owner", "ana@example.com", "--secret-stdin");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("shorter than 8"));
        Assert.That(result.Out + result.Error, Does.Not.Contain("abc1234"));
    }

    [Test]
    public async Task AnyCommand_WithoutALedger_SaysToRunInit()
    {
        using var empty = new CliRunner();

        var result = await empty.LedgerAsync("person", "list");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("init"));
        Assert.That(File.Exists(empty.DatabasePath), Is.False);
    }

    [Test]
    public async Task Init_InAMissingFolder_ExitsTwoNamingIt()
    {
        var result = await _cli.RunAsync(["--db", Path.Combine(_cli.Folder, "no", "such", "ledger.db"), "init"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task NotADatabase_ExitsTwoSayingSo()
    {
        var garbage = Path.Combine(_cli.Folder, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 5000));

        var result = await _cli.RunAsync(["--db", garbage, "person", "list"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("not a valid SQLite database"));
    }

    [Test]
    public async Task AnotherApplicationsDatabase_IsLeftUntouched()
    {
        var foreign = Path.Combine(_cli.Folder, "crm.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Customers (Id INTEGER PRIMARY KEY, Name TEXT)";
            command.ExecuteNonQuery();
        }
        var before = await File.ReadAllBytesAsync(foreign);

        var init = await _cli.RunAsync(["--db", foreign, "init"]);
        var list = await _cli.RunAsync(["--db", foreign, "person", "list"]);

        Assert.That(init.ExitCode, Is.EqualTo(ExitCodes.BadInput), init.ToString());
        Assert.That(list.ExitCode, Is.EqualTo(ExitCodes.BadInput), list.ToString());
        Assert.That(list.Error, Does.Contain("not a ledger"));
        Assert.That(await File.ReadAllBytesAsync(foreign), Is.EqualTo(before));
    }

    [Test]
    public async Task Demo_OverARealLedger_IsRefusedAndTheLedgerKept()
    {
        var real = Path.Combine(_cli.Folder, "ledger.db");
        File.Copy(_cli.DatabasePath, real);
        File.Copy(_cli.DatabasePath + ".key", real + ".key");

        var result = await _cli.RunAsync(["demo", "--out", _cli.Folder]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("did not make"));
        var people = await _cli.RunAsync(["--db", real, "person", "list", "--json"]);
        Assert.That(people.Json.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Init_WithABadKey_LeavesNoFilesBehind()
    {
        var fresh = Path.Combine(_cli.Folder, "fresh.db");
        _cli.Variables["LEDGER_KEY"] = "not base64!";

        var result = await _cli.RunAsync(["--db", fresh, "init"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(Directory.GetFiles(_cli.Folder, "fresh.db*"), Is.Empty);
    }
}
