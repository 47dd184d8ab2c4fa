using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Incidents;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Incidents;

public sealed class ShowIncidentHandler(Ledger ledger)
{
    public async Task<IncidentView> HandleAsync(string id, CancellationToken cancellationToken = default) =>
        IncidentView.Of(await ledger.Db.RequireIncidentAsync(id, cancellationToken));
}

public sealed class ListIncidentsHandler(Ledger ledger)
{
    public async Task<IReadOnlyList<IncidentView>> HandleAsync(CancellationToken cancellationToken = default) =>
        (await ledger.Db.Incidents.AsNoTracking().Include(i => i.Steps).OrderByDescending(i => i.Number).ToListAsync(cancellationToken))
            .Select(IncidentView.Of).ToList();
}

/// <summary>Confirms a step done with a note, or marks it not applicable with the reason.</summary>
public sealed record WorkIncidentStep(string Incident, int Step, bool Done, string Note);

/// <summary>
/// Settles one step. A step the ledger can check is checked first: a token's reset must have happened (or the
/// token been revoked) since the incident was opened, with every integration using it confirmed; a vendor's
/// new vetting must be recorded. Everything is audited.
/// </summary>
public sealed class WorkIncidentStepHandler(Ledger ledger)
{
    public async Task<IncidentView> HandleAsync(WorkIncidentStep request, CancellationToken cancellationToken = default)
    {
        await using var change = await ledger.BeginChangeAsync(AuditActions.IncidentStep, cancellationToken);
        var db = ledger.Db;
        var incident = await db.RequireIncidentAsync(request.Incident, cancellationToken);
        var step = incident.Step(request.Step);
        if (request.Done && step.Status == IncidentStepStatus.Pending)
            await EnsureDoneAsync(incident, step, cancellationToken);
        if (request.Done)
            incident.Confirm(request.Step, request.Note, ledger.Actor, ledger.Now);
        else
            incident.SetAside(request.Step, request.Note, ledger.Actor, ledger.Now);
        await change.CommitAsync(cancellationToken);
        return IncidentView.Of(incident);
    }

    private async Task EnsureDoneAsync(Incident incident, IncidentStep step, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        switch (step.Kind)
        {
            case IncidentStepKind.ResetToken:
                var token = await db.Tokens.AsNoTracking().SingleOrDefaultAsync(t => t.Label == step.Target, cancellationToken);
                if (token is null || (token.RevokedAt ?? DateTime.MinValue) > incident.OpenedAt)
                    return;
                if (token.LastRotatedAt <= incident.OpenedAt)
                    throw new DomainException($"'{token.Label}' has not been reset since {incident.Label} was opened ({incident.OpenedAt:yyyy-MM-dd HH:mm} UTC): " +
                        $"reset it with ledger token reset {token.Label} (or revoke it), then confirm this step.");
                var waiting = await db.TokenUsages.AsNoTracking().Where(u => u.TokenId == token.Id && u.Status == TokenUsageStatus.PendingUpdate)
                    .Join(db.Integrations, u => u.IntegrationId, i => i.Id, (u, i) => i.Name).ToListAsync(cancellationToken);
                if (waiting.Count > 0)
                    throw new DomainException($"'{token.Label}' was reset, but {string.Join(", ", waiting)} {(waiting.Count == 1 ? "is" : "are")} not confirmed as updated: " +
                        $"ledger token confirm {token.Label} --integration NAME, then confirm this step.");
                return;
            case IncidentStepKind.RevetVendor:
                await EnsureRevettedAsync(incident, step.Target, cancellationToken);
                return;
        }
    }

    /// <summary>
    /// Each of the vendor's integrations in the incident's scope (or, when the scope holds none of them, one of the
    /// vendor's) has a vetting recorded since the incident was opened and reviewed on or after its day: a vetting
    /// from before the breach was known says nothing about it.
    /// </summary>
    private async Task EnsureRevettedAsync(Incident incident, string vendor, CancellationToken cancellationToken)
    {
        var inScope = IncidentScope.FromJson(incident.Scope).Integrations.ToHashSet(StringComparer.Ordinal);
        var opened = DateOnly.FromDateTime(incident.OpenedAt);
        var vendors = (await ledger.Db.Integrations.AsNoTracking().Include(i => i.VettingRecords).Where(i => i.Vendor != null).ToListAsync(cancellationToken))
            .Where(i => string.Equals(i.Vendor, vendor, StringComparison.OrdinalIgnoreCase)).ToList();
        // A vetting's time of record is kept to the millisecond, so the opening is compared at that precision.
        var openedAt = incident.OpenedAt.AddTicks(-(incident.OpenedAt.Ticks % TimeSpan.TicksPerMillisecond));
        bool Revetted(Integration integration) => integration.VettingRecords.Any(v => v.RecordedAt >= openedAt && v.ReviewedOn >= opened);
        var since = $"since {incident.Label} was opened ({incident.OpenedAt:yyyy-MM-dd HH:mm} UTC)";

        var scoped = vendors.Where(i => inScope.Contains(i.Name)).ToList();
        var missing = scoped.Where(i => !Revetted(i)).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new DomainException($"{string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no vetting recorded {since}: " +
                "record each with ledger integration vet NAME, then confirm this step.");
        if (scoped.Count == 0 && !vendors.Any(Revetted))
            throw new DomainException($"No vetting of {vendor} is recorded {since}: record it with ledger integration vet NAME, then confirm this step.");
    }
}

/// <summary>Closes an incident whose every step is done or set aside, with a note.</summary>
public sealed record CloseIncident(string Incident, string Note);

public sealed class CloseIncidentHandler(Ledger ledger)
{
    public async Task<IncidentView> HandleAsync(CloseIncident request, CancellationToken cancellationToken = default)
    {
        await using var change = await ledger.BeginChangeAsync(AuditActions.IncidentClose, cancellationToken);
        var incident = await ledger.Db.RequireIncidentAsync(request.Incident, cancellationToken);
        incident.Close(request.Note, ledger.Actor, ledger.Now);
        await change.CommitAsync(cancellationToken);
        return IncidentView.Of(incident);
    }
}
