using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Incidents;

public sealed record IncidentStepView(int Number, IncidentStepKind Kind, string Target, string Instruction, IncidentStepStatus Status, string? Note, string? By, DateTime? At);

/// <summary>An incident as it is shown and exported: what it is about, its scope when opened, and its runbook.</summary>
public sealed record IncidentView(
    string Id,
    int Number,
    string TargetKind,
    string Target,
    string Reason,
    DateTime Since,
    string OpenedBy,
    DateTime OpenedAt,
    string? ClosedBy,
    DateTime? ClosedAt,
    string? CloseNote,
    IncidentScope Scope,
    IReadOnlyList<IncidentStepView> Steps)
{
    public int StepsLeft => Steps.Count(s => s.Status == IncidentStepStatus.Pending);

    public bool IsClosed => ClosedAt is not null;

    public static IncidentView Of(Incident i) => new(
        i.Label, i.Number, i.TargetKind, i.Target, i.Reason, i.Since, i.OpenedBy, i.OpenedAt, i.ClosedBy, i.ClosedAt, i.CloseNote,
        IncidentScope.FromJson(i.Scope),
        i.Steps.OrderBy(s => s.Number).Select(s => new IncidentStepView(s.Number, s.Kind, s.Target, s.Instruction, s.Status, s.Note, s.SettledBy, s.SettledAt)).ToList());
}

internal static class IncidentLookups
{
    /// <summary>The incident "INC-3", "inc-3" or "3" names, with its steps; refused naming the incidents there are.</summary>
    public static async Task<Incident> RequireIncidentAsync(this LedgerDbContext db, string id, CancellationToken cancellationToken)
    {
        var text = id.Trim();
        var digits = text.StartsWith("INC-", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && await db.Incidents.Include(i => i.Steps).SingleOrDefaultAsync(i => i.Number == number, cancellationToken) is { } incident)
            return incident;
        var known = await db.Incidents.AsNoTracking().OrderByDescending(i => i.Number).Select(i => i.Number).Take(5).ToListAsync(cancellationToken);
        throw new NotFoundException($"No incident '{id}' is in the ledger; " +
            (known.Count == 0 ? "none has been started (ledger incident start --vendor V --reason TEXT)." : $"the latest are {string.Join(", ", known.Select(Incident.LabelOf))} (ledger incident list)."));
    }
}
