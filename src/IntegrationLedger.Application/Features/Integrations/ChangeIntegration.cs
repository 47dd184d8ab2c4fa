using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Features.Integrations;

/// <summary>
/// What changes about an integration after it is recorded: a new owner, another allowed network, another way
/// to recognise its activity. Networks and rules it already has are left as they are.
/// </summary>
public sealed record ChangeIntegration(string Integration, string? NewOwnerEmail, IReadOnlyList<string> AllowCidrs, IReadOnlyList<AttributionRuleSpec> AddRules);

public sealed class ChangeIntegrationValidator : AbstractValidator<ChangeIntegration>
{
    public ChangeIntegrationValidator()
    {
        RuleFor(r => r.Integration).NotEmpty();
        RuleFor(r => r.NewOwnerEmail).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.NewOwnerEmail));
        RuleForEach(r => r.AddRules).ChildRules(rule => rule.RuleFor(r => r.Value).NotEmpty().MaximumLength(FieldLimits.RuleValue));
    }
}

public sealed class ChangeIntegrationHandler(Ledger ledger)
{
    public async Task<IntegrationDetails> HandleAsync(ChangeIntegration request, CancellationToken cancellationToken = default)
    {
        await new ChangeIntegrationValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.IntegrationChange, cancellationToken);
        var db = ledger.Db;
        var integration = await db.RequireIntegrationAsync(request.Integration, cancellationToken);
        var now = ledger.Now;
        var changed = false;

        if (!string.IsNullOrWhiteSpace(request.NewOwnerEmail))
        {
            var owner = await db.RequirePersonAsync(request.NewOwnerEmail, cancellationToken);
            if (integration.OwnerId != owner.Id)
            {
                integration.TransferOwnership(owner);
                changed = true;
            }
        }
        foreach (var cidr in request.AllowCidrs.Where(c => !integration.AllowsNetwork(c)))
        {
            integration.AllowNetwork(cidr, now);
            changed = true;
        }
        foreach (var rule in request.AddRules)
        {
            var value = rule.Kind == AttributionRuleKind.SourceIp ? AllowedNetwork.Normalize(rule.Value) : rule.Value;
            if (integration.HasAttributionRule(rule.Kind, value))
                continue;
            integration.AddAttributionRule(rule.Kind, value, now);
            changed = true;
        }
        if (!changed)
            throw new DomainException($"'{integration.Name}' already has everything given; nothing was changed.");
        await change.CommitAsync(cancellationToken);
        return await new ShowIntegrationHandler(ledger).HandleAsync(integration.Name, cancellationToken);
    }
}
