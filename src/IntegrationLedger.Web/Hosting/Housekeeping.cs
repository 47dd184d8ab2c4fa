using IntegrationLedger.Application.Features.Users;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// The server's chores, on the ledger's clock: at start and every <see cref="Every"/>, downloads nobody
/// fetched in time are removed and the counts of repeated refusals whose window has closed are written; at
/// shutdown, once no request is left, every count still open is written, so a graceful stop loses none.
/// </summary>
internal sealed partial class Housekeeping(DownloadFolder downloads, AccessEventLog accessEvents, LedgerWebOptions options, ILogger<Housekeeping> logger)
    : BackgroundService
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

    /// <summary>The server stops taking requests before its hosted services stop, so nothing is counted after this.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await accessEvents.FlushAsync(everything: true, cancellationToken);
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            downloads.RemoveExpired();
            await accessEvents.FlushAsync(everything: false, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A chore that fails (a busy ledger, a file in use) is tried again next round; the server goes on serving.
            RoundFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping could not finish this round: {Reason}")]
    private static partial void RoundFailed(ILogger logger, string reason);
}
