using System.Buffers.Binary;
using System.Text;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens.Secrets;

namespace IntegrationLedger.Application.Features.Scanning.Matching;

/// <summary>
/// The registered secrets arranged so that a scan fingerprints almost nothing: only the windows of a file
/// that end in the end of some known secret and are as long as a secret with that end. The work per byte
/// is one bit looked up, whatever the number of secrets; the keyed fingerprint (the only way to recognise a
/// secret, which the ledger does not keep) is computed for the few windows that pass (decision 0017).
/// <list type="bullet">
/// <item>Secrets that show four characters (16 and more) are keyed by the last four bytes of their end.</item>
/// <item>Secrets that show two (12 to 15 characters) are keyed by the last two; a second, smaller filter.</item>
/// <item>Secrets too short to show an end (8 to 11) can only be matched as a whole value between delimiters
/// (<see cref="WholeValueLengths"/>): a window of every length at every byte would be a fingerprint per byte.</item>
/// <item>Rows kept from before the length was stored are tried at every length the ledger accepts, from
/// <see cref="Secret.MinimumLength"/> up to <see cref="LongestUnknownLength"/> bytes.</item>
/// </list>
/// </summary>
internal sealed class SecretIndex
{
    /// <summary>The longest window tried for a secret whose length the ledger does not know (a row kept from before lengths were).</summary>
    public const int LongestUnknownLength = 128;

    /// <summary>A secret with no end shown has fewer than 12 characters: at most 11 four-byte characters in UTF-8.</summary>
    private const int LongestUnshownEnd = 11 * 4;

    /// <summary>2^20 bits (128 KiB), small enough to stay in a core's L2 cache; 10,000 endings set about 1% of them.</summary>
    private const int FilterBits = 20;
    private const uint FilterMultiplier = 0x9E3779B1;

    private readonly Dictionary<uint, int[]> _lengthsByEnding;
    private readonly Dictionary<ushort, int[]> _lengthsByShortEnding;
    private readonly Dictionary<UInt128, (KnownSecret Secret, byte[] Fingerprint)> _byFingerprint;

    public SecretIndex(IEnumerable<KnownSecret> secrets)
    {
        var byEnding = new Dictionary<uint, SortedSet<int>>();
        var byShortEnding = new Dictionary<ushort, SortedSet<int>>();
        var wholeValues = new SortedSet<int>();
        _byFingerprint = [];
        foreach (var secret in secrets)
        {
            var fingerprint = Convert.FromHexString(secret.Fingerprint);
            if (fingerprint.Length != LedgerKey.FingerprintBytes)
                throw new ArgumentException($"A stored fingerprint of token {secret.Id.TokenId} is not {LedgerKey.FingerprintBytes} bytes.", nameof(secrets));
            _byFingerprint[Head(fingerprint)] = (secret, fingerprint);
            var ending = Encoding.UTF8.GetBytes(secret.Ending);
            if (ending.Length >= 4)
                Add(byEnding, BinaryPrimitives.ReadUInt32BigEndian(ending.AsSpan(^4)), Lengths(secret, Math.Max(Secret.MinimumLength, ending.Length), LongestUnknownLength));
            else if (ending.Length >= 2)
                Add(byShortEnding, BinaryPrimitives.ReadUInt16BigEndian(ending.AsSpan(^2)), Lengths(secret, 12, LongestUnknownLength));
            else
                wholeValues.UnionWith(Lengths(secret, Secret.MinimumLength, LongestUnshownEnd));
        }

        _lengthsByEnding = byEnding.ToDictionary(e => e.Key, e => e.Value.ToArray());
        _lengthsByShortEnding = byShortEnding.ToDictionary(e => e.Key, e => e.Value.ToArray());
        EndingFilter = new ulong[(1 << FilterBits) / 64];
        foreach (var key in _lengthsByEnding.Keys)
            SetBit(EndingFilter, Bucket(key));
        if (_lengthsByShortEnding.Count > 0)
        {
            ShortEndingFilter = new ulong[(1 << 16) / 64];
            foreach (var key in _lengthsByShortEnding.Keys)
                SetBit(ShortEndingFilter, key);
        }
        LongestWholeValue = wholeValues.Count == 0 ? 0 : wholeValues.Max;
        WholeValueLengths = new bool[LongestWholeValue + 1];
        foreach (var length in wholeValues)
            WholeValueLengths[length] = true;
        LongestWindow = Math.Max(LongestWholeValue, _lengthsByEnding.Values.Concat(_lengthsByShortEnding.Values).Select(l => l[^1]).DefaultIfEmpty(0).Max());
        Count = _byFingerprint.Count;
    }

    /// <summary>How many secrets are known.</summary>
    public int Count { get; }

    /// <summary>The longest window any secret needs: a file is read in buffers that overlap by this much, so none is cut in two.</summary>
    public int LongestWindow { get; }

    /// <summary>One bit per bucket of <see cref="Bucket"/>: set when some secret ends in four bytes that fall in it.</summary>
    public ulong[] EndingFilter { get; }

    /// <summary>One bit per two-byte end of a secret that shows only two characters; null when there is none.</summary>
    public ulong[]? ShortEndingFilter { get; }

    /// <summary>Indexed by a length in bytes: whether a secret that shows no end has that length.</summary>
    public bool[] WholeValueLengths { get; }

    /// <summary>The longest secret that shows no end; zero when there is none, and whole values need not be looked at.</summary>
    public int LongestWholeValue { get; }

    /// <summary>The filter's bucket for the last four bytes of a window, read as a big-endian number.</summary>
    public static uint Bucket(uint lastFour) => (lastFour * FilterMultiplier) >> (32 - FilterBits);

    /// <summary>The lengths, shortest first, of the secrets that end in these four bytes; null when none does (the filter's false alarm).</summary>
    public int[]? LengthsEndingIn(uint lastFour) => _lengthsByEnding.GetValueOrDefault(lastFour);

    public int[]? LengthsEndingIn(ushort lastTwo) => _lengthsByShortEnding.GetValueOrDefault(lastTwo);

    /// <summary>The secret with this fingerprint, if the ledger knows it.</summary>
    public KnownSecret? Find(ReadOnlySpan<byte> fingerprint) =>
        _byFingerprint.TryGetValue(Head(fingerprint), out var known) && fingerprint.SequenceEqual(known.Fingerprint) ? known.Secret : null;

    private static UInt128 Head(ReadOnlySpan<byte> fingerprint) => BinaryPrimitives.ReadUInt128LittleEndian(fingerprint);

    private static IEnumerable<int> Lengths(KnownSecret secret, int shortest, int longest) =>
        secret.Utf8Length is { } known ? [known] : Enumerable.Range(shortest, longest - shortest + 1);

    private static void Add<TKey>(Dictionary<TKey, SortedSet<int>> map, TKey key, IEnumerable<int> lengths)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set))
            map[key] = set = [];
        set.UnionWith(lengths);
    }

    private static void SetBit(ulong[] bits, uint bit) => bits[bit >> 6] |= 1UL << (int)(bit & 63);
}
