using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// A crafted export cannot drive an officer's terminal: escape sequences, BEL, C1 controls and bidirectional
/// overrides in imported names and values are printed as <c>\uXXXX</c>, in every human-readable output and on
/// standard error; JSON carries them escaped and reads back exactly.
/// </summary>
public class TerminalEscapeTests
{
    /// <summary>Retitles the terminal (OSC 0 ... BEL), clears it (CSI 2 J), a one-character C1 CSI, and a right-to-left override.</summary>
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e";
    private const string HostileShown = @"\u001B]0;pwned\u0007\u001B[2J\u009B31m\u202E";

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    [Test]
    public async Task HumanOutput_ShowsControlCharactersOfImportedValuesInsteadOfWritingThem()
    {
        var people = Path.Combine(_cli.Folder, "people.csv");
        await File.WriteAllTextAsync(people, $"email,name,department,departed_on\nmal@example.com,Mal{Hostile}Ory,Sec{Hostile}urity,\n");
        var logins = Path.Combine(_cli.Folder, "elf-login.csv");
        await File.WriteAllTextAsync(logins, string.Join("\n",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,BROWSER_TYPE,SOURCE_IP,LOGIN_STATUS",
            $"Login,20260928060000.000,4bYXUhDTm-escape01,005xx000001Sv8Q,shadow{Hostile}@example.com,Tool{Hostile}/1.0,198.51.100.7,LOGIN_NO_ERROR",
            ""));

        var outputs = new Dictionary<string, CliResult>
        {
            ["import people"] = await _cli.LedgerAsync("import", "auto", people),
            ["import events"] = await _cli.LedgerAsync("import", "sf-elf", logins),
            ["token add"] = await _cli.LedgerAsync("token", "add", "--label", $"etl{Hostile}", "--kind", "api-key", "--owner", "mal@example.com"),
            ["person show"] = await _cli.LedgerAsync("person", "show", "mal@example.com"),
            ["person list"] = await _cli.LedgerAsync("person", "list"),
            ["token list"] = await _cli.LedgerAsync("token", "list"),
            ["token show"] = await _cli.LedgerAsync("token", "show", $"etl{Hostile}"),
            ["findings"] = await _cli.LedgerAsync("findings"),
        };

        foreach (var (command, result) in outputs)
        {
            Assert.That(result.ExitCode, Is.Zero, $"{command}: {result}");
            Assert.That(RawControls(result.Out + result.Error), Is.Empty, $"{command} wrote control characters raw:\n{result.Out}");
        }
        Assert.That(outputs["import events"].Out, Does.Contain($"Tool{HostileShown}/1.0"), "the unattributed activity in the summary");
        Assert.That(outputs["import events"].Out, Does.Contain($"shadow{HostileShown}@example.com").IgnoreCase, "usernames are kept in lower case");
        Assert.That(outputs["person show"].Out, Does.Contain($"Mal{HostileShown}Ory").And.Contain($"Sec{HostileShown}urity"));
        Assert.That(outputs["person list"].Out, Does.Contain($"Mal{HostileShown}Ory"));
        Assert.That(outputs["token add"].Out + outputs["token list"].Out + outputs["token show"].Out, Does.Contain($"etl{HostileShown}"));
        // The findings table wraps long cells, so look for the start of the sequence only.
        Assert.That(outputs["findings"].Out, Does.Contain(@"\u001B]0;pwned\u0007"), "a shadow integration named after the imported account and application");
    }

    [Test]
    public async Task Json_CarriesControlCharactersEscapedAndReadsBackExactly()
    {
        await _cli.LedgerAsync("person", "add", "--email", "mal@example.com", "--name", $"Mal{Hostile}Ory");

        var show = await _cli.LedgerAsync("person", "show", "mal@example.com", "--json");

        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(RawControls(show.Out), Is.Empty, show.Out);
        Assert.That(show.Json.GetProperty("person").GetProperty("name").GetString(), Is.EqualTo($"Mal{Hostile}Ory"));
    }

    [Test]
    public async Task Errors_ThatEchoInput_ShowItsControlCharacters()
    {
        var logins = Path.Combine(_cli.Folder, $"logins{Hostile}.csv");
        await File.WriteAllTextAsync(logins, string.Join("\n",
            "Id,UserId,LoginTime,SourceIp,Status",
            $"0Yaxx0000000001,005xx000001Sv7AAAS,2026-09-28T06:00:00Z,192.0.2.{Hostile},Success",
            ""));

        var badRow = await _cli.LedgerAsync("import", "sf-loginhistory-api", logins);
        var badOption = await _cli.LedgerAsync("audit", "log", "--since", Hostile);
        var unknownName = await _cli.LedgerAsync("person", "show", $"{Hostile}@example.com");

        foreach (var result in new[] { badRow, badOption, unknownName })
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
            Assert.That(RawControls(result.Error), Is.Empty, result.Error);
            Assert.That(result.Error, Does.Contain(HostileShown));
        }
        Assert.That(badRow.Error, Does.Contain($"logins{HostileShown}.csv, line 2, SourceIp"));
    }

    /// <summary>Every character a terminal would act on rather than print, except the line breaks between lines.</summary>
    private static List<string> RawControls(string text) =>
        text.Where(c => (char.IsControl(c) && c != '\n') || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            .Select(c => $"U+{(int)c:X4}").Distinct().ToList();
}
