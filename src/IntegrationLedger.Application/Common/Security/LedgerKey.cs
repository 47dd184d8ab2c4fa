using System.Security.Cryptography;
using System.Text;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Common.Security;

/// <summary>
/// The per-ledger secret that keys the fingerprints of tokens. It lives outside the database (a key file
/// beside it, readable by its owner only, or the LEDGER_KEY environment variable), so a stolen database
/// alone cannot be used to confirm a guessed secret.
/// </summary>
public sealed class LedgerKey
{
    public const string EnvironmentVariable = "LEDGER_KEY";
    private const int KeyBytes = 32;
    private static readonly byte[] CheckLabel = Encoding.UTF8.GetBytes("IntegrationLedger key check v1");

    private readonly byte[] _key;

    private LedgerKey(byte[] key, string source)
    {
        _key = key;
        Source = source;
    }

    /// <summary>Where the key came from, for messages: the key file's path or the environment variable.</summary>
    public string Source { get; }

    /// <summary>
    /// A value stored in the ledger that proves a key is the one its fingerprints were made with,
    /// without revealing the key.
    /// </summary>
    public string Check => Convert.ToHexStringLower(HMACSHA256.HashData(_key, CheckLabel));

    public static string KeyFilePathFor(string databasePath) => databasePath + ".key";

    /// <summary>Uses LEDGER_KEY when given, else the key file beside the database, creating it when asked.</summary>
    public static LedgerKey Load(string databasePath, string? environmentValue, bool createIfMissing)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
            return new LedgerKey(Decode(environmentValue, EnvironmentVariable), EnvironmentVariable);

        var path = KeyFilePathFor(databasePath);
        if (File.Exists(path))
            return new LedgerKey(Decode(File.ReadAllText(path), path), path);
        if (!createIfMissing)
            throw new LedgerUnavailableException(
                $"The ledger key file {path} is missing; restore it from backup or set {EnvironmentVariable}.");

        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        using (var writer = new StreamWriter(OwnerOnlyFile.CreateNew(path)))
            writer.Write(Convert.ToBase64String(key) + "\n");
        return new LedgerKey(key, path);
    }

    public SecretFingerprint Fingerprint(Secret secret)
    {
        var value = secret.Reveal();
        var utf8 = Encoding.UTF8.GetBytes(value);
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(_key, utf8));
        return new SecretFingerprint(hash, SecretEnding.Of(value), utf8.Length);
    }

    /// <summary>
    /// The fingerprint of a value given as UTF-8 bytes, written to <paramref name="destination"/> (32 bytes)
    /// without allocating: <c>ledger scan</c> fingerprints candidate windows of the files it reads this way.
    /// </summary>
    public void FingerprintUtf8(ReadOnlySpan<byte> utf8Secret, Span<byte> destination) =>
        HMACSHA256.HashData(_key, utf8Secret, destination);

    /// <summary>The number of bytes <see cref="FingerprintUtf8"/> writes.</summary>
    public const int FingerprintBytes = HMACSHA256.HashSizeInBytes;

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length >= KeyBytes)
                return key;
        }
        catch (FormatException)
        {
            // Reported below with the same message as a short key.
        }
        throw new LedgerUnavailableException($"The ledger key from {source} must be at least {KeyBytes} bytes in base64.");
    }
}
