namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// The server's chores, on the ledger's clock: at start and every <see cref="Every"/>, downloads nobody
/// fetched in time are removed.
/// </summary>
internal sealed partial class Housekeeping(DownloadFolder downloads, LedgerWebOptions options, ILogger<Housekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>The first round runs before the server takes requests: files left by a previous run go at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Every, options.Clock, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    private Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            downloads.RemoveExpired();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A chore that fails is tried again next round; the server goes on serving.
            RoundFailed(logger, exception.Message);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping could not finish this round: {Reason}")]
    private static partial void RoundFailed(ILogger logger, string reason);
}
