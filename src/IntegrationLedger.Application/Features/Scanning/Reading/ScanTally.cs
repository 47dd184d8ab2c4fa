using System.Collections.Concurrent;
using IntegrationLedger.Application.Features.Tokens.Secrets;

namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>A known secret found at a place: the content, and the line and column (1-based, in characters) where it starts; null when the content could not be read again to count them.</summary>
internal sealed record FoundSecret(ContentPath Place, long? Line, long? Column, KnownSecret Secret);

/// <summary>What the workers of one scan found and counted, added to from every thread at once.</summary>
internal sealed class ScanTally
{
    private long _filesRead;
    private long _bytesRead;
    private long _archivesOpened;

    public ConcurrentQueue<FoundSecret> Found { get; } = new();
    public ConcurrentQueue<SkippedContent> Skipped { get; } = new();

    public long FilesRead => Interlocked.Read(ref _filesRead);
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long ArchivesOpened => Interlocked.Read(ref _archivesOpened);

    /// <param name="complete">False when the content was read only in part (it grew past the limit).</param>
    public void Read(long bytes, bool complete)
    {
        if (complete)
            Interlocked.Increment(ref _filesRead);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    public void OpenedArchive() => Interlocked.Increment(ref _archivesOpened);

    public void Skip(string location, SkipReason reason, string detail) => Skipped.Enqueue(new SkippedContent(location, reason, detail));
}
