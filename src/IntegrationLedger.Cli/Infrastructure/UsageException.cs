namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>An option's value that cannot be understood: reported in one sentence, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
