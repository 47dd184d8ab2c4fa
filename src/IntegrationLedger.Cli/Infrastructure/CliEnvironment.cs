using System.Text;

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
    /// <summary>
    /// The process's arguments as the operating system passed them, before .NET decoded them
    /// (<see cref="Utf8Arguments"/>); null where they cannot be read, and for tests that run in-process.
    /// </summary>
    public IReadOnlyList<byte[]>? RawArguments { get; init; }

    public static CliEnvironment FromProcess() => new(
        StrictUtf8StandardInput(),
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        TimeProvider.System,
        !Console.IsOutputRedirected,
        Environment.UserName)
    {
        RawArguments = Utf8Arguments.ReadRaw(),
    };

    /// <summary>
    /// Standard input that throws on bytes that are not UTF-8 (<see cref="CliServices.ReadLine"/> and <see cref="CliServices.ReadSecret"/> say
    /// so in one sentence) instead of turning them into U+FFFD inside a password or a secret.
    /// </summary>
    private static StreamReader StrictUtf8StandardInput() =>
        new(Console.OpenStandardInput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
}
