using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Access;

/// <summary>
/// A change of one account's access between two exports (a permission gained or lost, MFA removed, an account
/// reactivated), recorded on its own so that each change is an entry of the audit log. The snapshots themselves
/// are written in bulk and covered by their batch's digest; this is the part an auditor reads as "what changed".
/// </summary>
public sealed class AccessChangeRecord
{
    private AccessChangeRecord()
    {
        Username = null!;
        Changes = null!;
    }

    public AccessChangeRecord(AccessSnapshot snapshot, AccessSnapshot previous, string username, DateTime recordedAt)
    {
        Id = Guid.CreateVersion7(recordedAt);
        AccountId = snapshot.AccountId;
        SnapshotId = snapshot.Id;
        BatchId = snapshot.BatchId;
        Username = username;
        Facet = snapshot.Facet;
        AsOf = snapshot.AsOf;
        PreviousAsOf = previous.AsOf;
        Changes = Guard.Required(snapshot.Changes, "What changed");
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }

    /// <summary>The snapshot that recorded the change.</summary>
    public Guid SnapshotId { get; private set; }

    public Guid BatchId { get; private set; }

    /// <summary>The account's username then, so that the entry names it by itself.</summary>
    public string Username { get; private set; }

    public AccessFacet Facet { get; private set; }

    /// <summary>The export's moment that found the change.</summary>
    public DateTime AsOf { get; private set; }

    /// <summary>The moment of the snapshot it differs from.</summary>
    public DateTime PreviousAsOf { get; private set; }

    /// <summary>What changed, as <see cref="AccessChanges"/> words it.</summary>
    public string Changes { get; private set; }
}
