using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.People;

/// <summary>A person's completion of security training: which course, on which day. Owners are expected to train yearly.</summary>
public sealed class TrainingRecord
{
    public const string DefaultCourse = "Security awareness";

    private TrainingRecord()
    {
        Course = null!;
        RecordedBy = null!;
    }

    public TrainingRecord(Guid personId, DateOnly completedOn, string? course, string recordedBy, DateTime recordedAt)
    {
        Id = Guid.CreateVersion7(recordedAt);
        PersonId = personId;
        CompletedOn = completedOn;
        Course = Guard.Optional(course) ?? DefaultCourse;
        RecordedBy = recordedBy;
        RecordedAt = Guard.Utc(recordedAt, nameof(recordedAt));
        if (completedOn > DateOnly.FromDateTime(recordedAt))
            throw new DomainException($"Training on {completedOn:yyyy-MM-dd} is in the future; record it once it has happened.");
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public string Course { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
