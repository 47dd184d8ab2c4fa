namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>Why a file or member was not read through, as the summary counts it.</summary>
public enum SkipReason
{
    /// <summary>A NUL byte in its first block: not text.</summary>
    Binary,

    /// <summary>Larger than the limit (for compressed content: grew past it while being read).</summary>
    TooLarge,

    /// <summary>Could not be opened or read: permissions, a broken link, a damaged archive.</summary>
    Unreadable,

    /// <summary>A FIFO, a device or a socket: reading one could wait or never end.</summary>
    NotAFile,
}

/// <summary>A file or member the scan did not read (or read only in part), and why.</summary>
public sealed record SkippedContent(string Location, SkipReason Reason, string Detail);
