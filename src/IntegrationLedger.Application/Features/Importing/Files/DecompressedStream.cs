using System.IO.Compression;

namespace IntegrationLedger.Application.Features.Importing.Files;

/// <summary>
/// The text inside a gzip file or a zip member, read as it is decompressed, so a file that expands a
/// thousandfold (a decompression bomb) costs no memory or disk; the reader's record and column limits apply
/// to what comes out. Damage becomes one <see cref="ImportFileException"/> naming the file. A gzip file cut
/// short is caught here too: .NET's GZipStream ends quietly where the data ends, so the length the gzip
/// trailer records (the last four bytes, modulo 2^32) is compared with what came out.
/// </summary>
internal sealed class DecompressedStream(Stream inner, ImportSource source, uint? expectedLength) : Stream
{
    private long _length;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (InvalidDataException exception)
        {
            throw Damaged(exception.Message);
        }
        _length += read;
        if (read == 0 && buffer.Length > 0 && expectedLength is { } expected && (uint)_length != expected)
            throw Damaged("it ends before its data does");
        return read;
    }

    private ImportFileException Damaged(string detail) =>
        new($"{source.Name}: the compressed data is damaged or cut short ({detail.TrimEnd('.')}); nothing was imported. Download or copy the file again.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>A gzip file's content, checked against its trailer; <paramref name="file"/> stays open.</summary>
    public static DecompressedStream Gzip(FileStream file, ImportSource source, uint expectedLength)
    {
        file.Position = 0;
        return new DecompressedStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), source, expectedLength);
    }
}
