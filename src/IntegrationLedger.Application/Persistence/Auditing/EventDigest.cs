using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// A SHA-256 over an import batch's events, in the order of their ids, column by column in the order of
/// <see cref="Columns"/>. Events are written in bulk with SQL, not audited row by row (decision 3), so the
/// batch's audit entry carries this digest and its count instead: the importer feeds each event as it writes
/// it, and verification feeds each event as it reads it back, and the two must agree.
/// Each value is written unambiguously: a tag (null, number or text), then eight bytes of number, or the
/// text's UTF-8 length and bytes, so no choice of values can make two different events hash alike.
/// </summary>
internal sealed class EventDigest : IDisposable
{
    /// <summary>The columns of UsageEvents the digest covers: every one but the row's own id and its batch (which the digest belongs to).</summary>
    public static readonly IReadOnlyList<(string Name, bool IsNumber)> Columns =
    [
        ("Source", false), ("NaturalKey", false), ("LineNumber", true), ("EventType", false), ("OccurredAt", false),
        ("Username", false), ("UserId", false), ("SourceIp", false), ("LoginType", false), ("Status", false),
        ("Succeeded", true), ("Application", false), ("ClientName", false), ("ApiType", false), ("ConnectedAppId", false),
        ("Uri", false), ("Detail", false), ("Category", false), ("Subject", false), ("UseCount", true),
        ("IntegrationId", false), ("TokenId", false), ("KeyHash", true),
    ];

    /// <summary>
    /// The columns added with data volumes (issue 15). They follow <see cref="Columns"/>, after a tag of their own,
    /// only in an event that has one of them: an event without any digests exactly as it did before they
    /// existed, so the batches imported earlier still verify.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, DigestKind Kind)> VolumeColumns =
    [
        ("RowsProcessed", DigestKind.Number), ("RowsFailed", DigestKind.Number), ("BytesReturned", DigestKind.Number),
        ("Entity", DigestKind.Text), ("Operation", DigestKind.Text), ("JobId", DigestKind.Text), ("Score", DigestKind.Real),
        ("Data", DigestKind.Text),
    ];

    /// <summary>The digest of a batch that added no events (every row a duplicate).</summary>
    public static readonly string OfNoEvents = Convert.ToHexStringLower(SHA256.HashData([]));

    private const byte NullTag = 0;
    private const byte NumberTag = 1;
    private const byte TextTag = 2;
    private const byte VolumeTag = 3;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _event = new byte[1024];
    private int _length;

    /// <summary>How many events the digest covers.</summary>
    public long Count { get; private set; }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var bytes = Reserve(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, bytes[5..]);
        Header(bytes, TextTag, length);
        _length += 5 + length;
    }

    /// <summary>Text already in UTF-8, as SQLite returns it.</summary>
    public void Utf8(ReadOnlySpan<byte> value)
    {
        var bytes = Reserve(5 + value.Length);
        Header(bytes, TextTag, value.Length);
        value.CopyTo(bytes[5..]);
        _length += 5 + value.Length;
    }

    public void Number(long? value)
    {
        if (value is not { } number)
        {
            Null();
            return;
        }
        var bytes = Reserve(9);
        bytes[0] = NumberTag;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], number);
        _length += 9;
    }

    /// <summary>A real number, digested by its exact bits.</summary>
    public void Real(double? value) => Number(value is { } real ? BitConverter.DoubleToInt64Bits(real) : null);

    /// <summary>
    /// What follows are the event's <see cref="VolumeColumns"/>. An event's other values all begin with a
    /// null, number or text tag, and its first is always text, so this tag can never be mistaken for one.
    /// </summary>
    public void VolumeFollows()
    {
        Reserve(1)[0] = VolumeTag;
        _length++;
    }

    public void Null()
    {
        Reserve(1)[0] = NullTag;
        _length++;
    }

    /// <summary>The values given since the last event make one event of the batch.</summary>
    public void Accept()
    {
        _hash.AppendData(_event, 0, _length);
        _length = 0;
        Count++;
    }

    /// <summary>The values given since the last event were not written (a duplicate): they are not part of the batch.</summary>
    public void Discard() => _length = 0;

    /// <summary>The digest of the events accepted so far, as lower-case hex.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();

    private static void Header(Span<byte> bytes, byte tag, int length)
    {
        bytes[0] = tag;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], length);
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _event.Length)
            Array.Resize(ref _event, Math.Max(_length + bytes, _event.Length * 2));
        return _event.AsSpan(_length);
    }
}

/// <summary>How a column's value is digested.</summary>
internal enum DigestKind
{
    Text,
    Number,
    Real,
}
