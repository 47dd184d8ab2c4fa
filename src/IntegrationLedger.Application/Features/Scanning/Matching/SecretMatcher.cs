using System.Buffers;
using System.Runtime.CompilerServices;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens.Secrets;

namespace IntegrationLedger.Application.Features.Scanning.Matching;

/// <summary>
/// Finds the known secrets in one content at a time, fed in consecutive buffers that overlap by
/// <see cref="SecretIndex.LongestWindow"/> bytes (<see cref="ScanBuffer"/>). One per worker: it keeps state
/// between the buffers of a content and allocates nothing per byte or per window.
/// </summary>
internal sealed class SecretMatcher(SecretIndex index, LedgerKey key)
{
    /// <summary>
    /// Registered secrets never hold whitespace (<see cref="Secret.Parse"/> refuses it), so a window that holds
    /// some is no secret, whatever its end: in prose that rules out almost every window before it is fingerprinted.
    /// Other Unicode spaces are left to the fingerprint; that only costs time.
    /// </summary>
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\v\f\r"u8);

    /// <summary>What separates values in configuration, source and URLs; a secret that shows no end is looked for between two of these.</summary>
    private static readonly SearchValues<byte> Delimiters = SearchValues.Create(" \t\n\v\f\r\"'`=:,;&|<>()[]{}@/\\?#"u8);

    private readonly List<Sighting> _found = [];
    private readonly HashSet<(long, SecretId)> _seen = [];

    /// <summary>Where the last few delimiters were (from the content's start); a whole value runs between two of them.</summary>
    private readonly long[] _delimiters = new long[64];
    private long _delimiterCount;

    /// <summary>Forgets the previous content: what it found and where its delimiters were.</summary>
    public void Begin()
    {
        _found.Clear();
        _seen.Clear();
        _delimiterCount = 0;
        // The start of the content counts as a delimiter just before its first byte.
        Remember(-1);
    }

    /// <summary>What was found in the content so far, in the order it was found.</summary>
    public IReadOnlyList<Sighting> Found => _found;

    /// <summary>
    /// Looks at the windows that end in <paramref name="data"/>[<paramref name="freshStart"/>..]; the bytes
    /// before it are the end of the previous buffer, there so that a secret cut by the buffer's edge is whole.
    /// </summary>
    /// <param name="dataOffset">Where <paramref name="data"/>[0] is in the content.</param>
    /// <param name="atEnd">Whether the content ends with this buffer (the end delimits a last whole value).</param>
    public void Scan(ReadOnlySpan<byte> data, int freshStart, long dataOffset, bool atEnd)
    {
        if (index.Count == 0)
            return;
        ScanEndings(data, freshStart, dataOffset);
        if (index.ShortEndingFilter is not null)
            ScanShortEndings(data, freshStart, dataOffset);
        if (index.LongestWholeValue > 0)
            ScanWholeValues(data, freshStart, dataOffset, atEnd);
    }

    /// <summary>
    /// The loop every byte goes through: the last four bytes, rolled into a number, looked up in a bitmap.
    /// Nothing else happens unless the bit is set. Compiled fully optimised from the first call: a scan runs
    /// it once per buffer, too few calls for tiered compilation to get to it before the scan is half done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanEndings(ReadOnlySpan<byte> data, int freshStart, long dataOffset)
    {
        var filter = index.EndingFilter;
        var window = 0u;
        for (var i = Math.Max(0, freshStart - 3); i < freshStart; i++)
            window = (window << 8) | data[i];
        for (var i = freshStart; i < data.Length; i++)
        {
            window = (window << 8) | data[i];
            var bucket = SecretIndex.Bucket(window);
            if ((filter[bucket >> 6] & (1UL << (int)bucket)) != 0 && index.LengthsEndingIn(window) is { } lengths)
                TryWindows(data, i, dataOffset, lengths);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanShortEndings(ReadOnlySpan<byte> data, int freshStart, long dataOffset)
    {
        var filter = index.ShortEndingFilter!;
        for (var i = Math.Max(1, freshStart); i < data.Length; i++)
        {
            var lastTwo = (ushort)((data[i - 1] << 8) | data[i]);
            if ((filter[lastTwo >> 6] & (1UL << lastTwo)) != 0 && index.LengthsEndingIn(lastTwo) is { } lengths)
                TryWindows(data, i, dataOffset, lengths);
        }
    }

    /// <summary>Fingerprints the windows ending at <paramref name="last"/> with each of <paramref name="lengths"/> (shortest first) that hold no whitespace.</summary>
    private void TryWindows(ReadOnlySpan<byte> data, int last, long dataOffset, int[] lengths)
    {
        var from = Math.Max(0, last + 1 - lengths[^1]);
        var space = data[from..(last + 1)].LastIndexOfAny(Whitespace);
        var longest = space < 0 ? last + 1 - from : last - (from + space);
        foreach (var length in lengths)
        {
            if (length > longest)
                break;
            TryWindow(data, last + 1 - length, length, dataOffset);
        }
    }

    /// <summary>
    /// Secrets that show no end, looked for as whole values: every stretch between two delimiters (not only
    /// neighbours: a password may hold a colon) that is as long as one of them.
    /// </summary>
    private void ScanWholeValues(ReadOnlySpan<byte> data, int freshStart, long dataOffset, bool atEnd)
    {
        var position = freshStart;
        while (position < data.Length)
        {
            var next = data[position..].IndexOfAny(Delimiters);
            if (next < 0)
                break;
            position += next;
            WholeValuesEndingAt(data, dataOffset + position, dataOffset);
            position++;
        }
        if (atEnd)
            WholeValuesEndingAt(data, dataOffset + data.Length, dataOffset);
    }

    private void WholeValuesEndingAt(ReadOnlySpan<byte> data, long delimiter, long dataOffset)
    {
        var lengths = index.WholeValueLengths;
        var remembered = Math.Min(_delimiterCount, _delimiters.Length);
        for (var back = 1; back <= remembered; back++)
        {
            var earlier = _delimiters[(_delimiterCount - back) % _delimiters.Length];
            var length = delimiter - earlier - 1;
            // Delimiters come in order, so every earlier one is farther; the ring holds more than the longest value needs.
            if (length >= lengths.Length || earlier + 1 < dataOffset)
                break;
            if (length > 0 && lengths[length])
                TryWindow(data, (int)(earlier + 1 - dataOffset), (int)length, dataOffset);
        }
        Remember(delimiter);
    }

    private void Remember(long delimiter) => _delimiters[_delimiterCount++ % _delimiters.Length] = delimiter;

    private void TryWindow(ReadOnlySpan<byte> data, int start, int length, long dataOffset)
    {
        Span<byte> fingerprint = stackalloc byte[LedgerKey.FingerprintBytes];
        key.FingerprintUtf8(data.Slice(start, length), fingerprint);
        if (index.Find(fingerprint) is { } secret && _seen.Add((dataOffset + start, secret.Id)))
            _found.Add(new Sighting(dataOffset + start, length, secret));
    }
}
