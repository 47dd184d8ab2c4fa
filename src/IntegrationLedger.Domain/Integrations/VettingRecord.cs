using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Integrations;

/// <summary>A security review of the vendor behind an integration: who looked, what they decided, on what evidence.</summary>
public sealed class VettingRecord
{
    private VettingRecord()
    {
        Reviewer = null!;
    }

    internal VettingRecord(
        Guid integrationId,
        DateOnly reviewedOn,
        string reviewer,
        VettingOutcome outcome,
        string? evidenceReference,
        DateOnly? nextReviewOn,
        DateTime createdAt)
    {
        if (nextReviewOn is { } next && next <= reviewedOn)
            throw new DomainException("The next review must come after the review being recorded.");
        Id = Guid.CreateVersion7(createdAt);
        IntegrationId = integrationId;
        ReviewedOn = reviewedOn;
        Reviewer = Guard.Required(reviewer, "The reviewer");
        Outcome = outcome;
        EvidenceReference = Guard.Optional(evidenceReference);
        NextReviewOn = nextReviewOn;
    }

    public Guid Id { get; private set; }
    public Guid IntegrationId { get; private set; }
    public DateOnly ReviewedOn { get; private set; }
    public string Reviewer { get; private set; }
    public VettingOutcome Outcome { get; private set; }
    public string? EvidenceReference { get; private set; }
    public DateOnly? NextReviewOn { get; private set; }

    /// <summary>When the review was recorded, to the millisecond: the time its version 7 id was made from (the first 48 bits).</summary>
    public DateTime RecordedAt
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Id.TryWriteBytes(bytes, bigEndian: true, out _);
            var milliseconds = 0L;
            foreach (var b in bytes[..6])
                milliseconds = (milliseconds << 8) | b;
            return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
        }
    }
}
