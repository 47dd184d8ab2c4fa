namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>
/// A stream that cannot seek, given back its first bytes: what was read to tell its kind is read again by
/// the archive reader that kind calls for.
/// </summary>
internal sealed class ReplayedStream(byte[] start, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= start.Length)
            return rest.Read(buffer);
        var count = Math.Min(buffer.Length, start.Length - _position);
        start.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
