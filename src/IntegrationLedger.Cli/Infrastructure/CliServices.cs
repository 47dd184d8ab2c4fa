using System.CommandLine;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common.Security;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>What every command needs: the process environment, the global options and the output.</summary>
internal sealed class CliServices(CliEnvironment environment, GlobalOptions globals)
{
    public CliEnvironment Environment { get; } = environment;
    public GlobalOptions Globals { get; } = globals;
    public CliOutput Output { get; } = new(environment);

    /// <summary><c>--db</c>, else <c>$LEDGER_DB</c>, else <c>./ledger.db</c>.</summary>
    public string DatabasePath(ParseResult parse)
    {
        var given = parse.GetValue(Globals.Database);
        if (given is not null && string.IsNullOrWhiteSpace(given))
            throw new UsageException("--db needs the path of a ledger file.");
        return given ?? NonEmpty(Environment.GetVariable(GlobalOptions.DatabaseVariable)) ?? GlobalOptions.DefaultDatabase;
    }

    /// <summary>The ledger's path for a message about it; null when the path itself could not be had.</summary>
    public string? DatabasePathOrNull(ParseResult parse)
    {
        try
        {
            return DatabasePath(parse);
        }
        catch (UsageException)
        {
            return null;
        }
    }

    public LedgerOptions LedgerOptions(ParseResult parse)
    {
        var options = new LedgerOptions(
            DatabasePath(parse),
            NonEmpty(parse.GetValue(Globals.Actor)) ?? Environment.UserName,
            Environment.Clock,
            NonEmpty(Environment.GetVariable(LedgerKey.EnvironmentVariable)));
        return BusyTimeout() is { } timeout ? options with { BusyTimeout = timeout } : options;
    }

    /// <summary><c>$LEDGER_BUSY_TIMEOUT</c> in whole seconds, 1 to 3600; unset means the default.</summary>
    private TimeSpan? BusyTimeout()
    {
        if (NonEmpty(Environment.GetVariable(GlobalOptions.BusyTimeoutVariable)) is not { } text)
            return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600)
            return TimeSpan.FromSeconds(seconds);
        throw new UsageException($"{GlobalOptions.BusyTimeoutVariable} is '{text}'; give a whole number of seconds from 1 to 3600.");
    }

    public async Task<Ledger> OpenLedgerAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var ledger = await Ledger.OpenAsync(LedgerOptions(parse), cancellationToken);
        ReportMigrations(ledger);
        return ledger;
    }

    public void ReportMigrations(Ledger ledger)
    {
        if (ledger.MigrationsApplied.Count > 0)
        {
            Environment.Error.WriteLine($"Upgraded the ledger schema at {ledger.DatabasePath} ({string.Join(", ", ledger.MigrationsApplied)})"
                + (ledger.BackupPath is { } backup ? $"; the ledger as it was is copied to {backup}." : "."));
        }
    }

    /// <summary>Reads one secret from standard input; it is fingerprinted and then forgotten.</summary>
    public Secret ReadSecret() => Secret.Parse(ReadStandardInput(input => input.ReadToEnd()));

    /// <summary>Reads the first line of standard input, a password; empty when there is none.</summary>
    public string ReadLine() => ReadStandardInput(input => input.ReadLine()) ?? "";

    /// <summary>
    /// Standard input that is not UTF-8 is refused, never stored with replacement characters. The message
    /// does not repeat the bytes: they are a password or a secret.
    /// </summary>
    private T ReadStandardInput<T>(Func<TextReader, T> read)
    {
        try
        {
            return read(Environment.In);
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException("Standard input is not valid UTF-8 text; give it in UTF-8. Nothing was changed.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
