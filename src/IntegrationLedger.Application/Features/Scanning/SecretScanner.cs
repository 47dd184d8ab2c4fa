using System.Collections.Concurrent;
using IntegrationLedger.Application.Common.FileTrees;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Scanning.Matching;
using IntegrationLedger.Application.Features.Scanning.Reading;

namespace IntegrationLedger.Application.Features.Scanning;

/// <summary>What a scan read and found, before the ledger says whose secrets they are.</summary>
internal sealed record ScanOutcome(
    IReadOnlyList<FoundSecret> Found, IReadOnlyList<SkippedContent> Skipped, long FilesRead, long BytesRead, long ArchivesOpened);

/// <summary>
/// Walks the paths and reads their files on every core at once, one file per worker at a time, each worker
/// with its own buffer and matcher; the order of what is found does not depend on which finished first.
/// </summary>
internal sealed class SecretScanner(SecretIndex index, LedgerKey key, long largestFile)
{
    public ScanOutcome Scan(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var tally = new ScanTally();
        var files = Partitioner.Create(new FileWalker((path, problem, detail) => tally.Skip(path, problem == PathProblem.NotAFile ? SkipReason.NotAFile : SkipReason.Unreadable, detail)).Files(paths), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            () => new ContentReader(index, key, tally, largestFile),
            (file, _, reader) =>
            {
                reader.Read(file);
                return reader;
            },
            _ => { });
        var found = tally.Found
            .OrderBy(f => f.Place.File, StringComparer.Ordinal).ThenBy(f => f.Place.Member, StringComparer.Ordinal)
            .ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Secret.Id.TokenId).ThenBy(f => f.Secret.Id.FormerSecretId)
            .ToList();
        var skipped = tally.Skipped.OrderBy(s => s.Location, StringComparer.Ordinal).ToList();
        return new ScanOutcome(found, skipped, tally.FilesRead, tally.BytesRead, tally.ArchivesOpened);
    }
}
