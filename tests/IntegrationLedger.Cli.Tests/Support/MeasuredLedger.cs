using System.Diagnostics;
using System.Globalization;

namespace IntegrationLedger.Cli.Tests.Support;

/// <summary>How a <c>ledger</c> process ended, how long it took and the most memory it held at once.</summary>
public sealed record MeasuredRun(ProcessResult Result, TimeSpan Elapsed, long PeakBytes, bool TimedOut)
{
    public double PeakMegabytes => PeakBytes / (1024.0 * 1024.0);

    public override string ToString() =>
        $"{(TimedOut ? "killed after the time limit" : Result.ToString())}\nelapsed {Elapsed.TotalSeconds:F1} s, peak {PeakMegabytes:F0} MB";
}

/// <summary>
/// Runs the real <c>ledger</c> process with a time limit, watching its peak resident memory (the kernel's
/// VmHWM, which only grows) as it runs. A process still running at the limit is killed, so a command that
/// would wait forever (on a FIFO, say) fails its test instead of hanging the suite.
/// </summary>
public static class MeasuredLedger
{
    public static async Task<MeasuredRun> RunAsync(TimeSpan limit, string database, params string[] args) =>
        await RunAsync(limit, TestProcess.StartLedger(database, args));

    /// <summary>Watches an already started process; it is disposed at the end.</summary>
    public static async Task<MeasuredRun> RunAsync(TimeSpan limit, Process process)
    {
        using (process)
        {
            var clock = Stopwatch.StartNew();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            long peak = 0;
            while (!process.HasExited && clock.Elapsed < limit)
            {
                peak = Math.Max(peak, PeakResidentBytes(process.Id));
                await Task.Delay(5);
            }
            var timedOut = !process.HasExited;
            if (timedOut)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            clock.Stop();
            return new MeasuredRun(new ProcessResult(process.ExitCode, await output, await error), clock.Elapsed, peak, timedOut);
        }
    }

    /// <summary>VmHWM from /proc/PID/status, in bytes; 0 once the process is gone.</summary>
    private static long PeakResidentBytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended between two looks.
        }
        return 0;
    }
}
