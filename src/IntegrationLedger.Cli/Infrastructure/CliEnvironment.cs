namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Everything the command line takes from the process around it. Tests give their own, so they run the
/// real commands in-process with their own input, output, environment and clock.
/// </summary>
public sealed record CliEnvironment(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> GetVariable,
    TimeProvider Clock,
    bool OutputIsTerminal,
    string UserName)
{
    public static CliEnvironment FromProcess() => new(
        Console.In,
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        TimeProvider.System,
        !Console.IsOutputRedirected,
        Environment.UserName);
}
