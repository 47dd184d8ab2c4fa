using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Incidents;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Incidents;

/// <summary>Opens an incident for a vendor or one connected app, presumed compromised since <paramref name="Since"/> (default: 30 days before now).</summary>
public sealed record StartIncident(string? Vendor, string? App, string Reason, DateTime? Since);

public sealed class StartIncidentValidator : AbstractValidator<StartIncident>
{
    public StartIncidentValidator()
    {
        RuleFor(r => r).Must(r => (r.Vendor is null) != (r.App is null)).WithName("vendor").WithMessage("Give either --vendor or --app, not both and not neither.");
        RuleFor(r => r.Reason).NotEmpty().WithName("reason").WithMessage("Say why, with --reason: what was reported, and by whom.");
    }
}

public sealed class StartIncidentHandler(Ledger ledger)
{
    /// <summary>How far back the activity is reviewed when the moment of compromise is not known.</summary>
    public const int DefaultDaysBack = 30;

    public async Task<IncidentView> HandleAsync(StartIncident request, CancellationToken cancellationToken = default)
    {
        new StartIncidentValidator().ValidateAndThrow(request);
        var db = ledger.Db;
        var now = ledger.Now;
        var since = request.Since ?? now.AddDays(-DefaultDaysBack);
        if (since > now)
            throw new DomainException($"--since {since:yyyy-MM-dd HH:mm} UTC is in the future; the activity to review is what already happened.");

        var integrations = await db.Integrations.AsNoTracking().Include(i => i.AllowedNetworks).Include(i => i.AttributionRules).AsSplitQuery().ToListAsync(cancellationToken);
        var (target, apps, reached, reach) = request.Vendor is { } vendor
            ? await VendorScopeAsync(vendor, integrations, since, cancellationToken)
            : await AppScopeAsync(request.App!, integrations, since, cancellationToken);
        var unclaimed = await IncidentScopeBuilder.UnclaimedActivityAsync(db, apps, since, cancellationToken);
        var scope = IncidentScopeBuilder.Assemble(apps, reached, reach, unclaimed);

        await using var change = await ledger.BeginChangeAsync(AuditActions.IncidentStart, cancellationToken);
        var number = (await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;
        var incident = new Incident(number, request.Vendor is null ? "app" : "vendor", target, request.Reason, since, scope.ToJson(), ledger.Actor, now);
        foreach (var (kind, stepTarget, instruction) in Runbook.For(scope))
            incident.AddStep(kind, stepTarget, instruction);
        db.Incidents.Add(incident);
        await change.CommitAsync(cancellationToken);
        return IncidentView.Of(incident);
    }

    /// <summary>
    /// A vendor's scope. The integrations it reaches are known without the register (the vendor's own, and those
    /// claiming an app the export gives the vendor; an app the exports do not list takes its vendor from the
    /// integration claiming it), so the register, with every app's OAuth token holders, is read on a connection of
    /// its own beside what the integrations reach: the two halves of the answer, side by side on two cores.
    /// </summary>
    private async Task<(string Target, List<AppEntry> Apps, List<Integration> Reached, IntegrationReach Reach)> VendorScopeAsync(
        string vendor, List<Integration> integrations, DateTime since, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var listed = await db.ConnectedApps.AsNoTracking().Select(a => new { a.SalesforceId, a.Name, a.Vendor }).ToListAsync(cancellationToken);
        var known = integrations.Select(i => i.Vendor).Concat(listed.Select(a => a.Vendor)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var target = known.FirstOrDefault(v => string.Equals(v, vendor.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"No integration or connected app has the vendor '{vendor}'.{CloseMatches.Suggestion(vendor, known)}");
        bool IsTarget(string? name) => string.Equals(name, target, StringComparison.OrdinalIgnoreCase);
        var claiming = listed.Where(a => IsTarget(a.Vendor)).Select(a => ConnectedAppRegister.ClaimedBy(integrations, a.SalesforceId, a.Name)?.Id).OfType<Guid>().ToHashSet();
        var reached = integrations.Where(i => IsTarget(i.Vendor) || claiming.Contains(i.Id)).ToList();

        var registerLoading = Task.Run(async () =>
        {
            await using var reader = await ledger.OpenReaderAsync(cancellationToken);
            return await ConnectedAppRegister.LoadAsync(reader, cancellationToken);
        }, cancellationToken);
        var reach = await IncidentScopeBuilder.ReachAsync(db, reached, since, cancellationToken);
        var apps = (await registerLoading).Where(e => IsTarget(e.Vendor)).ToList();
        return (target, apps, reached, reach);
    }

    private async Task<(string Target, List<AppEntry> Apps, List<Integration> Reached, IntegrationReach Reach)> AppScopeAsync(
        string name, List<Integration> integrations, DateTime since, CancellationToken cancellationToken)
    {
        var app = ShowConnectedAppHandler.Find(await ConnectedAppRegister.LoadAsync(ledger.Db, cancellationToken), name);
        var reached = integrations.Where(i => i.Id == app.Integration?.Id).ToList();
        return (app.Name, [app], reached, await IncidentScopeBuilder.ReachAsync(ledger.Db, reached, since, cancellationToken));
    }
}
