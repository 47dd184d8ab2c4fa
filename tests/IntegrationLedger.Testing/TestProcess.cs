using System.Diagnostics;

namespace IntegrationLedger.Testing;

/// <summary>What a finished process printed and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output followed by standard error.</summary>
    public string Output => Out + Error;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Starts separate operating-system processes: the real <c>ledger</c> executable built beside the tests, or a
/// tool such as the sqlite3 shell. Tests that use it are in the <c>Process</c> category.
/// </summary>
public static class TestProcess
{
    /// <summary>The category of tests that start separate processes.</summary>
    public const string Category = "Process";

    /// <summary>The command-line build copied beside the tests.</summary>
    public static string LedgerDll => Path.Combine(AppContext.BaseDirectory, "ledger.dll");

    /// <summary>Starts <c>ledger --db DATABASE ARGS</c> with its output redirected; the caller reads, waits for or kills it.</summary>
    public static Process StartLedger(string database, params string[] args) =>
        Start("dotnet", [LedgerDll, "--db", database, .. args]);

    /// <summary>Runs <c>ledger --db DATABASE ARGS</c> to its end.</summary>
    public static Task<ProcessResult> RunLedgerAsync(string database, params string[] args) =>
        RunAsync("dotnet", [LedgerDll, "--db", database, .. args]);

    /// <summary>Starts <paramref name="fileName"/> with standard output and error redirected (and standard input, when asked).</summary>
    public static Process Start(string fileName, IEnumerable<string> args, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Short-lived processes gain nothing from profile-guided recompilation; without its instrumentation
        // each `ledger` starts about a fifth faster. What the program does is the same.
        start.Environment["DOTNET_TieredPGO"] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
    }

    /// <summary>Runs <paramref name="fileName"/> to its end, giving it <paramref name="input"/> on standard input when there is some.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, string? input = null)
    {
        using var process = Start(fileName, args, redirectInput: input is not null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
