using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Scanning.Matching;
using IntegrationLedger.Application.Features.Scanning.Reading;
using IntegrationLedger.Application.Features.Tokens.Secrets;

namespace IntegrationLedger.Application.Features.Scanning;

/// <summary>
/// Looks through files and folders for any registered secret, current or past. Files larger than
/// <see cref="LargestFile"/> bytes (and archive members that large once uncompressed) are skipped and counted.
/// With <see cref="Record"/>, each secret found opens a critical <c>secret-exposed</c> finding.
/// </summary>
public sealed record ScanForSecrets(IReadOnlyList<string> Paths, long LargestFile = ScanForSecrets.DefaultLargestFile, bool Record = false)
{
    /// <summary>100 MiB: larger than any configuration or source file, smaller than the logs and dumps that would take the scan's time.</summary>
    public const long DefaultLargestFile = 100L << 20;
}

public sealed class ScanForSecretsValidator : AbstractValidator<ScanForSecrets>
{
    public ScanForSecretsValidator()
    {
        RuleFor(r => r.Paths).NotEmpty().WithMessage("Give at least one file or folder to scan.");
        RuleForEach(r => r.Paths).NotEmpty().WithMessage("A path to scan is empty.");
        RuleFor(r => r.LargestFile).GreaterThan(0).WithMessage("The size limit must be more than zero bytes.");
    }
}

/// <summary>One registered secret found at one place: where, whose, whether it is live and what to do. Never the secret.</summary>
/// <param name="Location">The file, with <c>!member</c> for each archive member it is inside.</param>
/// <param name="Line">1-based; null when the file could not be read again to count.</param>
/// <param name="Column">1-based, in characters.</param>
/// <param name="FindingId">The <c>secret-exposed</c> finding that records it, with <see cref="ScanForSecrets.Record"/>.</param>
public sealed record SecretFound(string Location, string File, string? Member, long? Line, long? Column, SecretMatch Match, string? FindingId = null)
{
    /// <summary>FILE:LINE:COLUMN, as compilers and grep write it.</summary>
    public string Place => Line is { } line ? $"{Location}:{line}:{Column}" : Location;
}

/// <summary>How much was read and what was left alone.</summary>
public sealed record ScanCounts(
    long FilesRead, long BytesRead, long ArchivesOpened, int SkippedBinary, int SkippedTooLarge, int SkippedUnreadable, int SkippedNotFiles,
    int Found, int SecretsKnown);

/// <summary>What <c>--record</c> did: findings opened, found again while open, and found again after a person resolved them (left resolved).</summary>
public sealed record RecordedFindings(int Opened, int AlreadyOpen, int AlreadyResolved);

public sealed record ScanReport(IReadOnlyList<SecretFound> Found, ScanCounts Counts, IReadOnlyList<SkippedContent> Skipped, RecordedFindings? Recorded);

public sealed class ScanForSecretsHandler(Ledger ledger)
{
    public async Task<ScanReport> HandleAsync(ScanForSecrets request, CancellationToken cancellationToken = default)
    {
        await new ScanForSecretsValidator().ValidateAndThrowAsync(request, cancellationToken);
        var missing = request.Paths.Where(p => FileKinds.Of(p) == FileKind.Missing).ToList();
        if (missing.Count > 0)
            throw new NotFoundException($"Nothing to scan at {string.Join(", ", missing)}: no such file or folder. Nothing was scanned.");

        var secrets = await RegisteredSecrets.LoadAsync(ledger, cancellationToken);
        var index = new SecretIndex(secrets);
        var scanner = new SecretScanner(index, ledger.Key, request.LargestFile);
        // Reading files is work for every core, not for the caller's thread.
        var outcome = await Task.Run(() => scanner.Scan(request.Paths, cancellationToken), cancellationToken);

        var matches = await SecretMatches.DescribeAsync(ledger, outcome.Found.Select(f => f.Secret.Id).ToList(), cancellationToken);
        var described = outcome.Found.Where(f => matches.ContainsKey(f.Secret.Id)).ToList();
        SecretFound Reported(FoundSecret f, ContentPath at) => new(at.ToString(), f.Place.File, f.Place.Member, f.Line, f.Column, matches[f.Secret.Id]);
        var found = described.Select(f => Reported(f, f.Place)).ToList();
        RecordedFindings? recorded = null;
        if (request.Record)
        {
            // A finding names the file by its full path, so scanning the same file from elsewhere finds the same finding.
            var places = described.Select(f => Reported(f, f.Place with { File = f.Place.FullPath }).Place).ToList();
            (found, recorded) = await new SecretExposures(ledger).RecordAsync(found, places, cancellationToken);
        }

        int Count(SkipReason reason) => outcome.Skipped.Count(s => s.Reason == reason);
        var counts = new ScanCounts(
            outcome.FilesRead, outcome.BytesRead, outcome.ArchivesOpened, Count(SkipReason.Binary), Count(SkipReason.TooLarge),
            Count(SkipReason.Unreadable), Count(SkipReason.NotAFile), found.Count, index.Count);
        return new ScanReport(found, counts, outcome.Skipped, recorded);
    }
}
