using System.Text.Json;
using IntegrationLedger.Cli.Infrastructure;
using Microsoft.Data.Sqlite;
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
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
    public Dictionary<string, string> Variables { get; } = [];

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

    public int ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>A number read straight from the ledger's file, behind the command line's back.</summary>
    public long ScalarRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
