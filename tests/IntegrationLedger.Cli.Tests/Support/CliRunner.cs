using System.Text.Json;
using IntegrationLedger.Cli.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Cli.Tests.Support;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the real <c>ledger</c> command tree in-process against a ledger file in a temporary folder,
/// with its own standard input, environment variables and clock.
/// </summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Folder = Directory.CreateTempSubdirectory("ledger-cli-test-").FullName;
        DatabasePath = Path.Combine(Folder, "acme.db");
    }

    public string Folder { get; }
    public string DatabasePath { get; }
    public FakeTimeProvider Clock { get; } = TestClock.Create();
    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>
    /// A runner whose ledger is the one <c>ledger init</c> makes at <see cref="TestClock.Start"/> as user "tester":
    /// a copy of one made once per test run (sharing its key), so the migrations do not run again.
    /// Tests of <c>init</c> itself run it instead.
    /// </summary>
    public static async Task<CliRunner> WithLedgerAsync()
    {
        var cli = new CliRunner();
        try
        {
            await cli.CopyInitializedLedgerAsync();
            return cli;
        }
        catch
        {
            cli.Dispose();
            throw;
        }
    }

    /// <summary>Puts the ledger <c>ledger init</c> makes (a copy of the per-run template) at <see cref="DatabasePath"/>.</summary>
    public Task CopyInitializedLedgerAsync() => LedgerTemplates.CopyAsync("cli", MakeTemplateAsync, DatabasePath);

    private static async Task MakeTemplateAsync(string databasePath)
    {
        using var maker = new CliRunner();
        var init = await maker.RunAsync(["--db", databasePath, "init"]);
        if (init.ExitCode != 0)
            throw new InvalidOperationException($"ledger init failed making the template:\n{init}");
    }

    /// <summary>Runs <c>ledger --db acme.db ARGS</c>.</summary>
    public Task<CliResult> LedgerAsync(params string[] args) => RunAsync(["--db", DatabasePath, .. args]);

    public Task<CliResult> LedgerWithInputAsync(string input, params string[] args) => RunAsync(["--db", DatabasePath, .. args], input);

    public async Task<CliResult> RunAsync(string[] args, string input = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(
            new StringReader(input), output, error, name => Variables.GetValueOrDefault(name), Clock, OutputIsTerminal: false, UserName: "tester");
        var exitCode = await LedgerCli.RunAsync(args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public int ExecuteRaw(string sql) => RawSql.Execute(DatabasePath, sql);

    /// <summary>A number read straight from the ledger's file, behind the command line's back.</summary>
    public long ScalarRaw(string sql) => RawSql.Scalar(DatabasePath, sql);

    /// <summary>A text read straight from the ledger's file, behind the command line's back.</summary>
    public string? ScalarRawText(string sql) => RawSql.ScalarText(DatabasePath, sql);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
