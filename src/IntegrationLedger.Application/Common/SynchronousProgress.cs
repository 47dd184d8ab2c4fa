namespace IntegrationLedger.Application.Common;

/// <summary>
/// Reports on the caller's own thread, as it happens: <see cref="Progress{T}"/> would post each report to the
/// thread pool, where they can arrive late and out of order.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
