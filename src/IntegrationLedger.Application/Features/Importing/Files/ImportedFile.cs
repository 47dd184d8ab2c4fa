using System.Buffers.Binary;
using System.IO.Compression;
using IntegrationLedger.Application.Common;

namespace IntegrationLedger.Application.Features.Importing.Files;

/// <summary>
/// A file given to import, opened once and recognised by its content: plain text, gzip, a zip holding one
/// text file, or an Excel workbook. Its name decides nothing, so a <c>.csv</c> that is really gzip and a
/// <c>.gz</c> that is plain text are read for what they are. <see cref="OpenText"/> gives the text itself,
/// decompressed, which is what the batch's SHA-256 is of: the same rows compressed or not are the same import.
/// </summary>
public sealed class ImportedFile : IDisposable
{
    /// <summary>Files a zip tool adds beside the one that matters: macOS resource forks and folder settings, Windows thumbnails.</summary>
    private static readonly string[] DebrisNames = [".DS_Store", "Thumbs.db", "desktop.ini"];

    private const int MembersListed = 10;

    private readonly FileStream _file;
    private readonly ZipArchive? _zip;
    private readonly ZipArchiveEntry? _member;
    private readonly uint _gzipLength;

    private ImportedFile(FileStream file, ContentKind kind, ImportSource source, ZipArchive? zip = null, ZipArchiveEntry? member = null, uint gzipLength = 0)
    {
        _file = file;
        Kind = kind;
        Source = source;
        _zip = zip;
        _member = member;
        _gzipLength = gzipLength;
    }

    public ContentKind Kind { get; }

    /// <summary>The file, and for a zip the member read.</summary>
    public ImportSource Source { get; }

    /// <summary>How far into the file (compressed bytes, for a compressed one) reading has come: for progress.</summary>
    public long Position => _file.Position;

    public long Length => _file.Length;

    /// <summary>
    /// When the file was written: a zip member's own time, else the file's. An access export describes this
    /// moment unless its importer is told another.
    /// </summary>
    public DateTime WrittenAt => _member is { } member ? member.LastWriteTime.UtcDateTime : File.GetLastWriteTimeUtc(_file.Name);

    /// <summary>Opens a file to import; <paramref name="member"/> names the file to read in a zip of several (a download).</summary>
    public static ImportedFile Open(string path, string? member = null)
    {
        // Checked before opening: opening a FIFO waits for a writer, and a device such as /dev/zero never ends.
        switch (FileKinds.Of(path))
        {
            case FileKind.Directory:
                throw new ImportFileException($"{path}: is a folder; give the file to import.");
            case not (FileKind.Regular or FileKind.Missing) and var kind:
                throw new ImportFileException($"{path}: is {kind.Describe()}, not a regular file; save the export to a file and import that.");
        }
        var source = new ImportSource(path);
        FileStream file;
        Span<byte> magic = stackalloc byte[4];
        int read;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImportFileException($"{path}: cannot be read ({exception.Message})");
        }
        try
        {
            return Recognise(file, source, magic[..read], member);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static ImportedFile Recognise(FileStream file, ImportSource source, ReadOnlySpan<byte> magic, string? member)
    {
        if (member is not null && !FileSignatures.IsZip(magic))
            throw new ImportFileException($"{source.Name}: is no longer a zip, so it has no member {member}; give the file again.");
        if (FileSignatures.IsGzip(magic))
            return new ImportedFile(file, ContentKind.Gzip, source, gzipLength: GzipTrailerLength(file, source));
        if (FileSignatures.IsZip(magic))
            return OpenZip(file, source, member);
        if (magic is [0xD0, 0xCF, 0x11, 0xE0])
        {
            // The OLE container of Excel 97-2003 files, and of .xlsx files saved with a password.
            throw new ImportFileException($"{source.Name}: is an Excel 97-2003 workbook (.xls) or a workbook protected by a password; save it as .xlsx without a password, or as CSV UTF-8, and import that.");
        }
        return new ImportedFile(file, ContentKind.Plain, source);
    }

    /// <summary>The uncompressed length a gzip file records in its last four bytes (modulo 2^32).</summary>
    private static uint GzipTrailerLength(FileStream file, ImportSource source)
    {
        // A gzip member is at least a 10-byte header, an empty deflate block and an 8-byte trailer.
        if (file.Length < 20)
            throw new ImportFileException($"{source.Name}: the compressed data is damaged or cut short (it is {file.Length} bytes long); nothing was imported. Download or copy the file again.");
        Span<byte> trailer = stackalloc byte[4];
        RandomAccess.Read(file.SafeFileHandle, trailer, file.Length - 4);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    private static ImportedFile OpenZip(FileStream file, ImportSource source, string? memberName)
    {
        var zip = OpenArchive(file, source);
        try
        {
            if (memberName is not null)
            {
                return zip.GetEntry(memberName) is { } named
                    ? new ImportedFile(file, ContentKind.Zip, source with { Member = named.FullName }, zip, named)
                    : throw new ImportFileException($"{source.Name}: the zip no longer holds {memberName}; give the file again.");
            }
            if (zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("xl/workbook.xml") is not null)
                return new ImportedFile(file, ContentKind.Workbook, source, zip);
            if (zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("xl/workbook.bin") is not null)
                throw new ImportFileException($"{source.Name}: is an Excel binary workbook (.xlsb); save it as .xlsx or as CSV UTF-8, and import that.");
            var files = zip.Entries.Where(e => !IsFolderOrDebris(e)).ToList();
            return files switch
            {
                [var member] => new ImportedFile(file, ContentKind.Zip, source with { Member = member.FullName }, zip, member),
                [] => throw new ImportFileException($"{source.Name}: the zip holds no file to import{Holding(zip.Entries)}; a zip may hold one CSV file."),
                _ => throw new ImportFileException(
                    $"{source.Name}: the zip holds {files.Count} files ({string.Join(", ", files.Take(MembersListed).Select(e => e.FullName))}{(files.Count > MembersListed ? ", ..." : "")}); " +
                    "a zip of one CSV file is imported as that file, and a zip of several only as a download (several files or folders, or a zip of a download, with import auto)."),
            };
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static ZipArchive OpenArchive(FileStream file, ImportSource source)
    {
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException exception)
        {
            throw new ImportFileException($"{source.Name}: the zip file is damaged or cut short ({exception.Message.TrimEnd('.')}); nothing was imported. Download or copy the file again.");
        }
    }

    /// <summary>
    /// The files a zip of several holds (a download: folders and a zip tool's debris left out), in name order,
    /// with their compressed sizes, for a run to import each on its own. Empty for anything else: a file that
    /// is not a zip, a workbook, a zip of one file (imported as that file) and a damaged zip, whose own import
    /// says what is wrong with it.
    /// </summary>
    public static IReadOnlyList<(string Name, long CompressedLength)> MembersOf(string path)
    {
        // Only a regular file is opened here: opening a FIFO would wait for a writer; the import says what it is.
        if (FileKinds.Of(path) != FileKind.Regular)
            return [];
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            Span<byte> magic = stackalloc byte[4];
            if (!FileSignatures.IsZip(magic[..file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false)]))
                return [];
            file.Position = 0;
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("[Content_Types].xml") is not null)
                return [];
            var members = zip.Entries.Where(e => !IsFolderOrDebris(e)).OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e => (e.FullName, e.CompressedLength)).ToList();
            return members.Count > 1 ? members : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [];
        }
    }

    private static bool IsFolderOrDebris(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith('/')
        || entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || entry.Name.StartsWith("._", StringComparison.Ordinal)
        || DebrisNames.Contains(entry.Name, StringComparer.OrdinalIgnoreCase);

    private static string Holding(System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> entries) =>
        entries.Count == 0 ? " (it is empty)"
        : $" (only {string.Join(", ", entries.Take(MembersListed).Select(e => e.FullName))}{(entries.Count > MembersListed ? ", ..." : "")})";

    /// <summary>
    /// The text to import, from its first byte, decompressed; each call starts again from the beginning.
    /// The stream is the caller's to dispose (for a plain file that closes the file, which is read once).
    /// </summary>
    public Stream OpenText()
    {
        switch (Kind)
        {
            case ContentKind.Gzip:
                return DecompressedStream.Gzip(_file, Source, _gzipLength);
            case ContentKind.Zip:
                Stream entry;
                try
                {
                    entry = _member!.Open();
                }
                catch (Exception exception) when (exception is InvalidDataException or NotSupportedException)
                {
                    throw new ImportFileException($"{Source.Name}: cannot be read from the zip ({exception.Message.TrimEnd('.')}); extract it and import the file itself.");
                }
                return new DecompressedStream(entry, Source, expectedLength: null);
            case ContentKind.Plain:
                _file.Position = 0;
                return _file;
            default:
                throw new InvalidOperationException($"{Source.Name} is a workbook; its sheets are read as such, not as text.");
        }
    }

    /// <summary>The first bytes of the text (at most <paramref name="buffer"/>'s length), decompressed, and how many there were.</summary>
    public int Peek(Span<byte> buffer)
    {
        if (Kind != ContentKind.Plain)
        {
            // A decompressed stream cannot be rewound: it is opened again for the reading proper.
            using var text = OpenText();
            return text.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(_file.SafeFileHandle, buffer[total..], total)) > 0)
            total += read;
        return total;
    }

    /// <summary>The workbook's parts, to be measured before a workbook library loads them whole.</summary>
    internal IReadOnlyCollection<ZipArchiveEntry> WorkbookParts =>
        Kind == ContentKind.Workbook ? _zip!.Entries : throw new InvalidOperationException($"{Source.Name} is not a workbook.");

    /// <summary>The workbook file itself, from its start, for a workbook library to open; it stays this object's.</summary>
    internal Stream OpenWorkbook()
    {
        _file.Position = 0;
        return _file;
    }

    public void Dispose()
    {
        _zip?.Dispose();
        _file.Dispose();
    }
}
