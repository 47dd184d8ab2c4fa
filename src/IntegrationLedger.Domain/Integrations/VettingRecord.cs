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
}
