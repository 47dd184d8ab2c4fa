using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntegrationLedger.Domain.Auditing;

/// <summary>
/// One change to the ledger. Entries form a hash chain: each hash covers the entry's own content and
/// the previous entry's hash, so editing, deleting or reordering any entry breaks every hash after it.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Minimal escaping: quotes as \" and text as itself, the way most JSON libraries write by default
    /// (Python's json.dumps(entry, ensure_ascii=False, separators=(",", ":")) gives the same bytes for
    /// text without control characters), so the hash can be checked without this program.
    /// </summary>
    private static readonly JsonSerializerOptions CanonicalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private AuditEntry()
    {
        Actor = null!;
        Action = null!;
        EntityType = null!;
        EntityId = null!;
        PreviousHash = null!;
        Hash = null!;
    }

    public AuditEntry(
        long sequence,
        DateTime occurredAt,
        string actor,
        string action,
        string entityType,
        string entityId,
        string? before,
        string? after,
        string previousHash)
    {
        Sequence = sequence;
        OccurredAt = occurredAt;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Before = before;
        After = after;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public long Sequence { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }

    /// <summary>The entity's values before the change, as JSON; null when it was created.</summary>
    public string? Before { get; private set; }

    /// <summary>The entity's values after the change, as JSON; null when it was deleted.</summary>
    public string? After { get; private set; }

    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>
    /// SHA-256 (lower-case hex) of a JSON array of every field but the hash itself, in a fixed order and
    /// with the time written to the tick in UTC. JSON keeps the encoding unambiguous: no choice of
    /// separator can make two different entries hash the same text. Documented in the README so that
    /// anyone can check a chain without this program.
    /// </summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            Sequence,
            OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            Actor,
            Action,
            EntityType,
            EntityId,
            Before,
            After,
            PreviousHash,
        }, CanonicalJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
