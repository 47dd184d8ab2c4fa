namespace IntegrationLedger.Application.Common;

/// <summary>
/// What a file's first bytes say it is, whatever it is called: importing and scanning both open
/// compressed files by their content, since a download renamed (or never named) still is one.
/// </summary>
public static class FileSignatures
{
    /// <summary>The gzip magic number.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> start) => start is [0x1F, 0x8B, ..];

    /// <summary>A zip's first local file header, or the end record of an empty zip.</summary>
    public static bool IsZip(ReadOnlySpan<byte> start) => start.StartsWith("PK\x03\x04"u8) || start.StartsWith("PK\x05\x06"u8);
}
