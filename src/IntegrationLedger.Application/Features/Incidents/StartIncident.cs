using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Incidents;
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

        var register = await ConnectedAppRegister.LoadAsync(db, cancellationToken);
        var integrations = await db.Integrations.AsNoTracking().Include(i => i.AllowedNetworks).Include(i => i.AttributionRules).AsSplitQuery().ToListAsync(cancellationToken);
        List<AppEntry> apps;
        List<Domain.Integrations.Integration> reached;
        string target;
        if (request.Vendor is { } vendorName)
        {
            var known = integrations.Select(i => i.Vendor).Concat(register.Select(e => e.Vendor)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            target = known.FirstOrDefault(v => string.Equals(v, vendorName.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new NotFoundException($"No integration or connected app has the vendor '{vendorName}'.{CloseMatches.Suggestion(vendorName, known)}");
            apps = register.Where(e => string.Equals(e.Vendor, target, StringComparison.OrdinalIgnoreCase)).ToList();
            var claiming = apps.Select(a => a.Integration?.Id).OfType<Guid>().ToHashSet();
            reached = integrations.Where(i => string.Equals(i.Vendor, target, StringComparison.OrdinalIgnoreCase) || claiming.Contains(i.Id)).ToList();
        }
        else
        {
            var app = ShowConnectedAppHandler.Find(register, request.App!);
            target = app.Name;
            apps = [app];
            reached = integrations.Where(i => i.Id == app.Integration?.Id).ToList();
        }

        var scope = await IncidentScopeBuilder.BuildAsync(db, apps, reached, since, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.IncidentStart, cancellationToken);
        var number = (await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;
        var incident = new Incident(number, request.Vendor is null ? "app" : "vendor", target, request.Reason, since, scope.ToJson(), ledger.Actor, now);
        foreach (var (kind, stepTarget, instruction) in Runbook.For(scope))
            incident.AddStep(kind, stepTarget, instruction);
        db.Incidents.Add(incident);
        await change.CommitAsync(cancellationToken);
        return IncidentView.Of(incident);
    }
}
