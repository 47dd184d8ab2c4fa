namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>The exit codes scripts rely on (see the README's command reference).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    public const int BadInput = 2;
    public const int IntegrityFailure = 3;

    /// <summary><c>ledger scan</c> found a registered secret, current or past, in a file.</summary>
    public const int SecretFound = 4;
}
