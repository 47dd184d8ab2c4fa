using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Incidents;

/// <summary>
/// A vendor or connected app presumed compromised: what was in scope when it was opened (kept as the record
/// of that moment), and an ordered runbook whose every step is confirmed with a note, or set aside as not
/// applicable with a reason, before the incident can be closed.
/// </summary>
public sealed class Incident
{
    private readonly List<IncidentStep> _steps = [];

    private Incident()
    {
        TargetKind = null!;
        Target = null!;
        Reason = null!;
        OpenedBy = null!;
        Scope = null!;
    }

    /// <param name="number">The incident's number, one more than the last: how people name it (INC-3).</param>
    /// <param name="targetKind">"vendor" or "app".</param>
    /// <param name="scope">What was in scope when it was opened, as the application describes it (JSON).</param>
    public Incident(int number, string targetKind, string target, string reason, DateTime since, string scope, string openedBy, DateTime openedAt)
    {
        if (since > openedAt)
            throw new DomainException($"An incident cannot look at activity since {since:yyyy-MM-dd HH:mm} UTC, which is after it was opened.");
        Id = Guid.CreateVersion7(openedAt);
        Number = number > 0 ? number : throw new DomainException("An incident's number is positive.");
        TargetKind = targetKind is "vendor" or "app" ? targetKind : throw new DomainException($"An incident is about a vendor or an app, not '{targetKind}'.");
        Target = Guard.Required(target, "What the incident is about");
        Reason = Guard.Required(reason, "The reason for the incident");
        Since = Guard.Utc(since, nameof(since));
        Scope = Guard.Required(scope, "The incident's scope");
        OpenedBy = Guard.Required(openedBy, "Who opened the incident");
        OpenedAt = Guard.Utc(openedAt, nameof(openedAt));
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public string TargetKind { get; private set; }
    public string Target { get; private set; }
    public string Reason { get; private set; }
    public DateTime Since { get; private set; }
    public string Scope { get; private set; }
    public string OpenedBy { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? CloseNote { get; private set; }

    public IReadOnlyCollection<IncidentStep> Steps => _steps;

    public bool IsClosed => ClosedAt is not null;

    public string Label => LabelOf(Number);

    public static string LabelOf(int number) => $"INC-{number}";

    public IEnumerable<IncidentStep> Left => _steps.Where(s => s.Status == IncidentStepStatus.Pending).OrderBy(s => s.Number);

    public IncidentStep AddStep(IncidentStepKind kind, string target, string instruction)
    {
        EnsureOpen();
        var step = new IncidentStep(Id, _steps.Count + 1, kind, target, instruction, OpenedAt);
        _steps.Add(step);
        return step;
    }

    public IncidentStep Step(int number) =>
        _steps.SingleOrDefault(s => s.Number == number)
        ?? throw new DomainException($"{Label} has no step {number}; its steps are 1 to {_steps.Count}.");

    public void Confirm(int number, string note, string actor, DateTime at)
    {
        EnsureOpen();
        Step(number).Settle(IncidentStepStatus.Done, note, actor, at);
    }

    public void SetAside(int number, string reason, string actor, DateTime at)
    {
        EnsureOpen();
        Step(number).Settle(IncidentStepStatus.NotApplicable, reason, actor, at);
    }

    public void Close(string note, string actor, DateTime at)
    {
        EnsureOpen();
        var left = Left.ToList();
        if (left.Count > 0)
        {
            throw new DomainException($"{Label} has {left.Count} step{(left.Count == 1 ? "" : "s")} left ({string.Join(", ", left.Select(s => s.Number))}): " +
                "confirm each with --done, or mark it --not-applicable with the reason, before closing it.");
        }
        CloseNote = Guard.Required(note, "A note on closing the incident");
        ClosedBy = Guard.Required(actor, "Who closed the incident");
        ClosedAt = Guard.Utc(at, nameof(at));
    }

    private void EnsureOpen()
    {
        if (IsClosed)
            throw new DomainException($"{Label} was closed on {ClosedAt:yyyy-MM-dd HH:mm} UTC by {ClosedBy}; nothing of it changes now.");
    }
}

/// <summary>One step of an incident's runbook: what to do, on what, and who confirmed it when, with their note.</summary>
public sealed class IncidentStep
{
    private IncidentStep()
    {
        Target = null!;
        Instruction = null!;
    }

    internal IncidentStep(Guid incidentId, int number, IncidentStepKind kind, string target, string instruction, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        IncidentId = incidentId;
        Number = number;
        Kind = kind;
        Target = Guard.Required(target, "What the step acts on");
        Instruction = Guard.Required(instruction, "What the step asks for");
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public int Number { get; private set; }
    public IncidentStepKind Kind { get; private set; }

    /// <summary>What the step acts on: an app's name, a token's label, an account's username, a vendor.</summary>
    public string Target { get; private set; }

    public string Instruction { get; private set; }
    public IncidentStepStatus Status { get; private set; }
    public string? Note { get; private set; }
    public string? SettledBy { get; private set; }
    public DateTime? SettledAt { get; private set; }

    internal void Settle(IncidentStepStatus status, string note, string actor, DateTime at)
    {
        if (Status != IncidentStepStatus.Pending)
        {
            throw new DomainException($"Step {Number} was already {(Status == IncidentStepStatus.Done ? "confirmed done" : "marked not applicable")} " +
                $"by {SettledBy} on {SettledAt:yyyy-MM-dd HH:mm} UTC ({Note}).");
        }
        Status = status;
        Note = Guard.Required(note, status == IncidentStepStatus.Done ? "A note on what was done" : "The reason the step does not apply");
        SettledBy = Guard.Required(actor, "Who confirmed the step");
        SettledAt = Guard.Utc(at, nameof(at));
    }
}
