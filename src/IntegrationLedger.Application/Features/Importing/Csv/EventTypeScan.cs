using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationLedger.Application.Features.Importing.Csv;

/// <summary>
/// Counts the rows of an Event Monitoring file by the type in their first field, without parsing the rest of
/// them: how a file of types the ledger does not use (UITracking, QueuedExecution...) is set aside at the
/// speed of reading it, where parsing every field would cost as much as importing it. It hashes the text as
/// <see cref="CsvFile"/> does, so the batch's SHA-256 is the same either way.
/// <para>
/// It gives up (null) at the first thing that needs the full reader: a row of a type the ledger reads (the
/// file is then read normally, and keeps its used rows), a first field that is no type name, a blank line
/// before more rows, a quote doubled inside the type, or a record past <see cref="CsvLimits.MaxRecordBytes"/>.
/// </para>
/// </summary>
internal static class EventTypeScan
{
    private const int ChunkBytes = 1 << 20;
    private static readonly SearchValues<byte> QuoteOrNewline = SearchValues.Create("\"\n"u8);

    public sealed record Result(long Rows, IReadOnlyDictionary<string, long> RowsByType, string Sha256);

    /// <param name="text">The file's text from its first byte (the header line first).</param>
    /// <param name="separator">The separator the header showed.</param>
    /// <param name="setAside">Whether a type is one to set aside; any other type stops the scan.</param>
    public static Result? Scan(Stream text, byte separator, Func<string, bool> setAside)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var state = new State(separator, setAside);
            int read;
            while ((read = text.Read(buffer, 0, ChunkBytes)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                if (!state.Take(buffer.AsSpan(0, read)))
                    return null;
            }
            if (!state.Finish())
                return null;
            return new Result(state.Rows, state.Counts, Convert.ToHexStringLower(sha256.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where the scan is: in the header or a row, inside quotes or not, and the row's first field so far.</summary>
    private sealed class State(byte separator, Func<string, bool> setAside)
    {
        private readonly byte[] _type = new byte[Domain.Usage.UsageEventTypes.NameMaxLength + 2];
        private int _typeLength;
        private int _firstFieldQuotes;
        private bool _inFirstField = true;
        private bool _inQuotes;
        private bool _inHeader = true;
        private bool _atStart = true;
        private bool _blankLineSeen;
        private long _recordBytes;
        private byte[]? _lastType;
        private string? _lastName;

        public long Rows { get; private set; }
        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public bool Take(ReadOnlySpan<byte> chunk)
        {
            if (_atStart)
            {
                _atStart = false;
                if (chunk.StartsWith("\uFEFF"u8))
                    chunk = chunk[3..];
            }
            while (!chunk.IsEmpty)
            {
                if (_inFirstField && !_inHeader)
                {
                    // The first field is looked at byte by byte: it is short.
                    var b = chunk[0];
                    chunk = chunk[1..];
                    _recordBytes++;
                    if (b == '"')
                    {
                        // A type is quoted once, never holds a quote: more is for the full reader.
                        if (++_firstFieldQuotes > 2)
                            return false;
                        _inQuotes = !_inQuotes;
                        continue;
                    }
                    if (!_inQuotes && b == separator)
                    {
                        _inFirstField = false;
                        if (!CountType())
                            return false;
                        continue;
                    }
                    if (!_inQuotes && b == '\n')
                    {
                        // A blank line; a record of one field with something in it is no event log row.
                        if (!Type().IsEmpty)
                            return false;
                        EndRecord(blank: true);
                        continue;
                    }
                    if (_typeLength == _type.Length)
                        return false;
                    _type[_typeLength++] = b;
                    continue;
                }
                // The rest of the record: only quotes and line ends matter.
                var next = _inQuotes ? chunk.IndexOf((byte)'"') : chunk.IndexOfAny(QuoteOrNewline);
                if (next < 0)
                {
                    _recordBytes += chunk.Length;
                    if (_recordBytes > CsvLimits.MaxRecordBytes)
                        return false;
                    return true;
                }
                _recordBytes += next + 1;
                var found = chunk[next];
                chunk = chunk[(next + 1)..];
                if (found == '"')
                {
                    _inQuotes = !_inQuotes;
                    continue;
                }
                if (_recordBytes > CsvLimits.MaxRecordBytes)
                    return false;
                if (_inHeader && _recordBytes <= 2)
                    return false; // a blank line above the header: the full reader finds the header
                EndRecord(blank: false);
            }
            return true;
        }

        /// <summary>At the end of the text: a last row without its line end has been counted at its first separator.</summary>
        public bool Finish() => !_inQuotes && !_inHeader && (!_inFirstField || Type().IsEmpty);

        /// <summary>The first field so far, without the carriage return of a CRLF line end.</summary>
        private ReadOnlySpan<byte> Type()
        {
            var type = _type.AsSpan(0, _typeLength);
            return type.EndsWith("\r"u8) ? type[..^1] : type;
        }

        /// <summary>Counts the row by its type; false for a type to read, an empty one or one after a blank line.</summary>
        private bool CountType()
        {
            var type = Type();
            if (type.IsEmpty || _blankLineSeen)
                return false;
            if (_lastType is null || !type.SequenceEqual(_lastType))
            {
                var name = Encoding.UTF8.GetString(type);
                if (!Domain.Usage.UsageEventTypes.IsEventTypeName(name) || !setAside(name))
                    return false;
                _lastType = type.ToArray();
                _lastName = name;
            }
            Rows++;
            Counts[_lastName!] = Counts.GetValueOrDefault(_lastName!) + 1;
            return true;
        }

        private void EndRecord(bool blank)
        {
            if (_inHeader)
                _inHeader = false;
            else if (blank)
                _blankLineSeen = true; // it may end the file; rows after one are the full reader's to judge (a footer?)
            _inFirstField = true;
            _typeLength = 0;
            _firstFieldQuotes = 0;
            _recordBytes = 0;
        }
    }
}
