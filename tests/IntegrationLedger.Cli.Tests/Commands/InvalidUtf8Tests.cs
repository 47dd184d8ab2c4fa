using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Bytes that are not UTF-8, in an argument or on standard input, are refused (exit 2, one sentence naming
/// where they were, not repeating them), never stored as replacement characters. Through the real process:
/// only there does .NET decode the command line and standard input. A shell's printf writes the raw bytes.
/// </summary>
[Category(TestProcess.Category)]
public class InvalidUtf8Tests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    /// <summary>Runs <c>ledger --db LEDGER</c> followed by <paramref name="shellArguments"/> as /bin/sh reads them, after <paramref name="stdin"/> | when given.</summary>
    private Task<ProcessResult> RunThroughShellAsync(string shellArguments, string? stdin = null) =>
        TestProcess.RunAsync("/bin/sh", ["-c", $"{(stdin is null ? "" : $"printf '{stdin}' | ")}exec dotnet \"$0\" --db \"$1\" {shellArguments}", TestProcess.LedgerDll, _cli.DatabasePath]);

    [Test]
    public async Task OptionValue_NotUtf8_IsRefusedNamingTheOption()
    {
        var result = await RunThroughShellAsync("person add --email bad@example.com --name \"$(printf 'Bad\\377Name')\"");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("The value given to --name is not valid UTF-8"));
        Assert.That(result.Output, Does.Not.Contain("\uFFFD"), "the bytes are not repeated");
        Assert.That((await _cli.LedgerAsync("person", "list", "--json")).Json.GetArrayLength(), Is.EqualTo(1), "nothing was added");
    }

    [Test]
    public async Task InlineOptionValue_NotUtf8_IsRefusedNamingTheOption()
    {
        var result = await RunThroughShellAsync("token add --kind api-key --owner ana@example.com \"--label=$(printf 'etl\\300\\257')\"");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("The value given to --label is not valid UTF-8"));
        Assert.That(_cli.ScalarRaw("SELECT COUNT(*) FROM Tokens"), Is.Zero);
    }

    [Test]
    public async Task ReplacementCharacterTyped_IsKeptWhereTheRawArgumentsCanBeRead()
    {
        // U+FFFD written as the UTF-8 bytes EF BF BD: valid text, though it looks like a decoding failure.
        var result = await RunThroughShellAsync("person add --email odd@example.com --name \"$(printf 'Odd\\357\\277\\275Name')\"");

        if (OperatingSystem.IsLinux())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That((await _cli.LedgerAsync("person", "show", "odd@example.com", "--json")).Json.GetProperty("person").GetProperty("name").GetString(),
                Is.EqualTo("Odd\uFFFDName"));
        }
        else
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), "without /proc/self/cmdline U+FFFD cannot be told from bad bytes");
        }
    }

    [Test]
    public async Task Password_OnStandardInput_NotUtf8_IsRefused()
    {
        var result = await RunThroughShellAsync("user add auditor@example.com --role auditor", stdin: "long pass\\377phrase here\\n");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("Standard input is not valid UTF-8"));
        Assert.That(result.Error, Does.Not.Contain("pass").And.Not.Contain("FF"), "neither the password nor its bytes are repeated");
        Assert.That(_cli.ScalarRaw("SELECT COUNT(*) FROM Users"), Is.Zero);
    }

    [Test]
    public async Task Secret_OnStandardInput_NotUtf8_IsRefused()
    {
        var result = await RunThroughShellAsync("token add --label etl --kind api-key --owner ana@example.com --secret-stdin", stdin: "hX9vQ2LmT7pR\\3774sW8nK3bZ6cY");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("Standard input is not valid UTF-8"));
        Assert.That(_cli.ScalarRaw("SELECT COUNT(*) FROM Tokens"), Is.Zero);
    }
}
