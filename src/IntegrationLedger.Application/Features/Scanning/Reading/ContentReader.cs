using System.Formats.Tar;
using System.IO.Compression;
using IntegrationLedger.Application.Common.FileTrees;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Scanning.Matching;

namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>
/// Reads files for one worker of a scan. What a content is comes from its first bytes, not its name: gzip,
/// zip and tar are opened and their members read in turn (a zip member in memory only when it is inside
/// another archive, and no larger than the limit); a NUL in the first block means binary, skipped; anything
/// else is text, read in fixed buffers that overlap by the longest secret, so memory stays the same
/// whatever the size of the file. A content that cannot be read is counted and the scan goes on.
/// </summary>
internal sealed class ContentReader(SecretIndex index, LedgerKey key, ScanTally tally, long largest)
{
    private const int ChunkSize = 256 * 1024;

    /// <summary>How much is looked at to tell a binary file (a NUL byte), as git and grep do.</summary>
    private const int FirstBlock = 8 * 1024;

    /// <summary>Archives inside archives are opened this deep (a tar in a gzip in a zip is three).</summary>
    private const int DeepestNesting = 4;

    private readonly SecretMatcher _matcher = new(index, key);
    private readonly int _overlap = index.LongestWindow + 1;
    private byte[]? _buffer;

    private byte[] Buffer => _buffer ??= new byte[ChunkSize + _overlap];

    public static FileStream OpenFile(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,
        // The scan reads into its own buffer; a second one in the stream would only copy the bytes again.
        BufferSize = 0,
        Options = FileOptions.SequentialScan,
    });

    public void Read(FileTarget file)
    {
        var place = ContentPath.Of(file);
        if (file.Length > largest)
        {
            tally.Skip(place.ToString(), SkipReason.TooLarge, $"{Size(file.Length)}, over the limit of {Size(largest)}");
            return;
        }
        try
        {
            using var stream = OpenFile(file.FullPath);
            Read(stream, place);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            tally.Skip(place.ToString(), SkipReason.Unreadable, e.Message);
        }
    }

    private void Read(Stream stream, ContentPath place)
    {
        try
        {
            var sniffed = stream.ReadAtLeast(Buffer.AsSpan(0, FirstBlock), FirstBlock, throwOnEndOfStream: false);
            var kind = Sniff(Buffer.AsSpan(0, sniffed));
            if (kind is ContentKind.Binary)
            {
                tally.Skip(place.ToString(), SkipReason.Binary, "a NUL byte in its first block");
                return;
            }
            if (kind is ContentKind.Text)
            {
                ReadText(stream, place, sniffed);
                return;
            }
            if (place.Depth >= DeepestNesting)
            {
                tally.Skip(place.ToString(), SkipReason.Unreadable, $"an archive nested more than {DeepestNesting} deep");
                return;
            }
            // The archive readers start from the first byte again; the buffer is the members' now.
            var whole = stream.CanSeek ? Rewound(stream) : new ReplayedStream(Buffer.AsSpan(0, sniffed).ToArray(), stream);
            tally.OpenedArchive();
            switch (kind)
            {
                case ContentKind.Gzip:
                    ReadGzip(whole, place);
                    break;
                case ContentKind.Zip:
                    ReadZip(whole, place);
                    break;
                default:
                    ReadTar(whole, place);
                    break;
            }
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            tally.Skip(place.ToString(), SkipReason.Unreadable, e.Message);
        }
    }

    private void ReadGzip(Stream whole, ContentPath place)
    {
        using var gzip = new GZipStream(whole, CompressionMode.Decompress, leaveOpen: true);
        Read(gzip, place.Into(new ArchiveStep(ArchiveFormat.Gzip, 0, null)));
    }

    private void ReadZip(Stream whole, ContentPath place)
    {
        using var seekable = whole.CanSeek ? null : InMemory(whole, place);
        if (!whole.CanSeek && seekable is null)
            return;
        using var zip = new ZipArchive(seekable ?? whole, ZipArchiveMode.Read, leaveOpen: true);
        for (var i = 0; i < zip.Entries.Count; i++)
        {
            var entry = zip.Entries[i];
            var member = place.Into(new ArchiveStep(ArchiveFormat.Zip, i, entry.FullName));
            if (entry.FullName.EndsWith('/'))
                continue;
            if (entry.Length > largest)
            {
                tally.Skip(member.ToString(), SkipReason.TooLarge, $"{Size(entry.Length)} uncompressed, over the limit of {Size(largest)}");
                continue;
            }
            try
            {
                using var content = entry.Open();
                Read(content, member);
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                tally.Skip(member.ToString(), SkipReason.Unreadable, e.Message);
            }
        }
    }

    private void ReadTar(Stream whole, ContentPath place)
    {
        using var tar = new TarReader(whole, leaveOpen: true);
        for (var i = 0; tar.GetNextEntry() is { } entry; i++)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile) || entry.DataStream is null)
                continue;
            var member = place.Into(new ArchiveStep(ArchiveFormat.Tar, i, entry.Name));
            if (entry.Length > largest)
                tally.Skip(member.ToString(), SkipReason.TooLarge, $"{Size(entry.Length)}, over the limit of {Size(largest)}");
            else
                Read(entry.DataStream, member);
        }
    }

    /// <summary>A zip member that is itself a zip cannot be read in place: ZipArchive needs to seek. It is read into memory, up to the limit.</summary>
    private MemoryStream? InMemory(Stream zip, ContentPath place)
    {
        var copy = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; (read = zip.Read(chunk)) > 0;)
        {
            if (copy.Length + read > largest)
            {
                tally.Skip(place.ToString(), SkipReason.TooLarge, $"a zip inside an archive, larger than the limit of {Size(largest)}");
                copy.Dispose();
                return null;
            }
            copy.Write(chunk, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    /// <summary>
    /// Scans text in buffers: each holds the last <see cref="_overlap"/> bytes of the one before, so a secret
    /// across the edge of a read is still whole in one of them.
    /// </summary>
    private void ReadText(Stream stream, ContentPath place, int filled)
    {
        var buffer = Buffer;
        _matcher.Begin();
        long offset = 0;
        var fresh = 0;
        var tooLarge = false;
        while (true)
        {
            filled += stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            var atEnd = filled < buffer.Length;
            _matcher.Scan(buffer.AsSpan(0, filled), fresh, offset, atEnd);
            if (atEnd)
                break;
            if (offset + filled > largest)
            {
                // Only compressed content can get here: its size is known once it has been read.
                tooLarge = true;
                break;
            }
            buffer.AsSpan(filled - _overlap, _overlap).CopyTo(buffer);
            offset += filled - _overlap;
            fresh = filled = _overlap;
        }
        var bytes = offset + filled;
        tally.Read(bytes, complete: !tooLarge);
        if (tooLarge)
            tally.Skip(place.ToString(), SkipReason.TooLarge, $"larger than the limit of {Size(largest)} once uncompressed; only its first {Size(bytes)} were read");
        Report(place);
    }

    /// <summary>What the matcher found in the content, with lines and columns: the content is read again up to the last one.</summary>
    private void Report(ContentPath place)
    {
        if (_matcher.Found.Count == 0)
            return;
        var found = _matcher.Found.OrderBy(f => f.Offset).ToList();
        (long Line, long Column)[]? positions = null;
        try
        {
            positions = ContentOpener.With(place, content => TextPositions.Locate(content, found.Select(f => f.Offset).ToList()));
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            // The file changed or went away since: the secret was seen all the same, at a place that can no longer be given.
        }
        for (var i = 0; i < found.Count; i++)
            tally.Found.Enqueue(new FoundSecret(place, positions?[i].Line, positions?[i].Column, found[i].Secret));
    }

    private static ContentKind Sniff(ReadOnlySpan<byte> start) =>
        FileSignatures.IsGzip(start) ? ContentKind.Gzip
        : FileSignatures.IsZip(start) ? ContentKind.Zip
        : start.Length >= 262 && start[257..262].SequenceEqual("ustar"u8) ? ContentKind.Tar
        : start.Contains((byte)0) ? ContentKind.Binary
        : ContentKind.Text;

    private static Stream Rewound(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or NotSupportedException;

    private static string Size(long bytes) => ByteSize.Of(bytes);

    private enum ContentKind
    {
        Text,
        Binary,
        Gzip,
        Zip,
        Tar,
    }
}
