using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Integrations;

public sealed record AddIntegration(
    string Name,
    string? Vendor,
    string? OwnerEmail,
    string? Purpose,
    string? Environment,
    NetworkTrust Network,
    IReadOnlyList<string> AllowedCidrs,
    IReadOnlyList<AttributionRuleSpec> Rules);

public sealed record AttributionRuleSpec(AttributionRuleKind Kind, string Value)
{
    /// <summary>One rule of a kind per value, as given by repeated options or a list in a file.</summary>
    public static IEnumerable<AttributionRuleSpec> Each(AttributionRuleKind kind, IEnumerable<string>? values) =>
        (values ?? []).Select(value => new AttributionRuleSpec(kind, value));
}

public sealed class AddIntegrationValidator : AbstractValidator<AddIntegration>
{
    public AddIntegrationValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(FieldLimits.Name);
        RuleFor(r => r.Vendor).MaximumLength(FieldLimits.Name);
        RuleFor(r => r.Purpose).MaximumLength(FieldLimits.Text);
        RuleFor(r => r.OwnerEmail).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.OwnerEmail));
        RuleForEach(r => r.Rules).ChildRules(rule => rule.RuleFor(r => r.Value).NotEmpty().MaximumLength(FieldLimits.RuleValue));
    }
}

public sealed class AddIntegrationHandler(Ledger ledger)
{
    public async Task<IntegrationDetails> HandleAsync(AddIntegration request, CancellationToken cancellationToken = default)
    {
        await new AddIntegrationValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.IntegrationAdd, cancellationToken);
        var db = ledger.Db;

        var name = request.Name.Trim();
        if (await db.Integrations.AnyAsync(i => i.Name == name, cancellationToken))
            throw new DomainException($"An integration named '{name}' is already in the ledger.");
        var owner = string.IsNullOrWhiteSpace(request.OwnerEmail) ? null : await db.RequirePersonAsync(request.OwnerEmail, cancellationToken);

        var now = ledger.Now;
        var integration = new Integration(name, request.Vendor, request.Purpose, owner, request.Environment, request.Network, now);
        foreach (var cidr in request.AllowedCidrs)
            integration.AllowNetwork(cidr, now);
        foreach (var rule in request.Rules)
            integration.AddAttributionRule(rule.Kind, rule.Kind == AttributionRuleKind.SourceIp ? AllowedNetwork.Normalize(rule.Value) : rule.Value, now);
        db.Integrations.Add(integration);
        await change.CommitAsync(cancellationToken);

        return await new ShowIntegrationHandler(ledger).HandleAsync(name, cancellationToken);
    }
}
