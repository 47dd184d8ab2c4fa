using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// The case through the command line: a Login event file whose TIMESTAMP and USER_ID are wrong
/// beside sound *_DERIVED columns, and one whose USER_ID_DERIVED disagrees with USER_ID, is refused
/// with exit code 2, each bad row named by file, line and field, and the ledger left as it was.
/// </summary>
public class MalformedValueCommandTests
{
    private const string Header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,LOGIN_STATUS,TIMESTAMP_DERIVED,USER_ID_DERIVED,SOURCE_IP";

    private static readonly string Logins = string.Join("\n",
        Header,
        "Login,20261128060000.000,req-1,005xx000001Sv7A,integration.sync@example.com,LOGIN_NO_ERROR,2026-11-28T06:00:00.000Z,005xx000001Sv7AAAS,192.0.2.10",
        "Login,2026-13-45 25:61,req-2,005xx000001Sv7A,integration.sync@example.com,LOGIN_NO_ERROR,2026-11-28T07:00:00.000Z,005xx000001Sv7AAAS,192.0.2.10",
        "Login,20261128080000.000,req-3,005xx000001Sv7AA,integration.sync@example.com,LOGIN_NO_ERROR,2026-11-28T08:00:00.000Z,005xx000001Sv7AAAS,192.0.2.10",
        "Login,20261128090000.000,req-4,005xx000001Sv7A,integration.sync@example.com,LOGIN_NO_ERROR,2026-11-28T09:00:00.000Z,005xx000001Sv8QAAS,192.0.2.10",
        "");

    [Test]
    public async Task Import_MalformedPrimariesAndADisagreeingFallback_ExitTwoNamingEachAndChangeNothing()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        var file = Path.Combine(cli.Folder, "ELF-Login.csv");
        await File.WriteAllTextAsync(file, Logins);
        var errors = Path.Combine(cli.Folder, "rejected.csv");
        var auditBefore = cli.ScalarRaw("SELECT count(*) FROM AuditEntries");

        var result = await cli.LedgerAsync("import", "auto", file, "--errors", errors);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"{file}, line 3, TIMESTAMP: '2026-13-45 25:61' is not a time"));
        Assert.That(result.Error, Does.Contain($"{file}, line 4, USER_ID: '005xx000001Sv7AA' is not a Salesforce id: it has 16 characters"));
        Assert.That(result.Error, Does.Contain($"{file}, line 5, USER_ID_DERIVED: '005xx000001Sv8QAAS' disagrees with USER_ID '005xx000001Sv7A'"));
        Assert.That(result.Error, Does.Contain("nothing was imported"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "a plain message, not a crash");
        Assert.That(File.ReadAllLines(errors).Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "3", "4", "5" }));
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM UsageEvents"), Is.Zero);
        Assert.That(cli.ScalarRaw("SELECT count(*) FROM AuditEntries"), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task Import_SkipInvalid_TakesOnlyTheSoundRow()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        var file = Path.Combine(cli.Folder, "ELF-Login.csv");
        await File.WriteAllTextAsync(file, Logins);

        var result = await cli.LedgerAsync("import", "sf-elf", file, "--skip-invalid", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(cli.ScalarRawText("SELECT group_concat(LineNumber) FROM UsageEvents"), Is.EqualTo("2"));
    }
}
