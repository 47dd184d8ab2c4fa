using System.Text;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Refuses command-line arguments that are not UTF-8. .NET decodes the command line with replacement, so
/// each invalid byte arrives as U+FFFD and would be stored that way in a name or a label. Where the bytes
/// the process was given can be read (<c>/proc/self/cmdline</c> on Linux), an argument holding U+FFFD is
/// refused only if its bytes are not UTF-8, so a U+FFFD typed on purpose passes; elsewhere U+FFFD itself is
/// the sign, and is refused.
/// </summary>
internal static class Utf8Arguments
{
    private const string RawArgumentsFile = "/proc/self/cmdline";
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One sentence naming the first argument that was not UTF-8, without repeating it; null when all were.</summary>
    public static string? Complaint(IReadOnlyList<string> args, IReadOnlyList<byte[]>? rawArguments)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Contains('\uFFFD', StringComparison.Ordinal) && !ArrivedAsUtf8(args, i, rawArguments))
                return $"{Describe(args, i)} is not valid UTF-8 text; give it in UTF-8. Nothing was changed.";
        }
        return null;
    }

    /// <summary>The process's arguments as the operating system passed them, the program's own path first; null where they cannot be read.</summary>
    public static IReadOnlyList<byte[]>? ReadRaw()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var all = File.ReadAllBytes(RawArgumentsFile);
            var arguments = new List<byte[]>();
            var start = 0;
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i] == 0)
                {
                    arguments.Add(all[start..i]);
                    start = i + 1;
                }
            }
            return arguments;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The program's arguments are the last of the process's. The raw bytes count only when they decode to the
    /// very argument .NET gave, so a command line laid out differently is never matched against the wrong one.
    /// </summary>
    private static bool ArrivedAsUtf8(IReadOnlyList<string> args, int index, IReadOnlyList<byte[]>? rawArguments)
    {
        if (rawArguments is null || rawArguments.Count < args.Count)
            return false;
        var raw = rawArguments[rawArguments.Count - args.Count + index];
        if (Encoding.UTF8.GetString(raw) != args[index])
            return false;
        try
        {
            Strict.GetString(raw);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Describe(IReadOnlyList<string> args, int index)
    {
        var arg = args[index];
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals)
            return $"The value given to {arg[..equals]}";
        if (index > 0 && args[index - 1].StartsWith('-') && !arg.StartsWith('-'))
            return $"The value given to {args[index - 1]}";
        return $"Argument {index + 1} of the command line";
    }
}
