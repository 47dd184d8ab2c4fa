using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary><c>token-usages</c>: which integration uses which token, why, since when and set up by whom.</summary>
public sealed class TokenUsagesTemplate : IInventoryTemplate
{
    public string Name => "token-usages";

    public IReadOnlyList<TemplateColumn> Columns { get; } =
    [
        new("token", true, "The token's label"),
        new("integration", true, "The integration's name"),
        new("purpose", true, "What the integration uses the token for"),
        new("since", false, "Since when (YYYY-MM-DD; default: now)"),
        new("set_up_by", false, "Email of the person who configured it"),
    ];

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording) => new Applier(header);

    private sealed class Applier(HeaderMap header) : IInventoryRowApplier
    {
        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var label = row.Required("token");
            var name = row.Required("integration");
            var purpose = row.Required("purpose");
            var since = row.Time("since");
            if (since is { } time && !LedgerDates.IsPlausible(time, ledger.Now))
                row.Fail("since", $"'{time:yyyy-MM-dd}' must be a date that has passed, from 2000 on");
            var token = label.Length == 0 ? null : await ledger.Db.TokenAsync(label, cancellationToken);
            if (label.Length > 0 && token is null)
                row.Fail("token", $"no token labelled '{label}' is in the ledger (add it to tokens first)");
            var integration = name.Length == 0 ? null : await ledger.Db.IntegrationAsync(name, cancellationToken);
            if (name.Length > 0 && integration is null)
                row.Fail("integration", $"no integration named '{name}' is in the ledger (add it to integrations first)");
            var setUpByEmail = row.Text("set_up_by");
            var setUpBy = setUpByEmail is null ? null : await ledger.Db.PersonAsync(setUpByEmail, cancellationToken);
            if (setUpByEmail is not null && setUpBy is null)
                row.Fail("set_up_by", $"no person with email '{setUpByEmail}' is in the ledger");
            if (token is { IsActive: false } && integration is not null && !token.UsagesInEffect.Any(u => u.IntegrationId == integration.Id))
                row.Fail("token", $"token '{token.Label}' is {token.Status.ToString().ToLowerInvariant()} and cannot be used by a new integration");
            if (row.HasErrors)
                return null;

            if (token!.UsagesInEffect.Any(u => u.IntegrationId == integration!.Id))
                return token.RestateUsagePurpose(integration!.Id, integration.Name, purpose) ? RowOutcome.Updated : RowOutcome.Unchanged;
            token.Use(integration!.Id, integration.Name, purpose, since ?? ledger.Now, setUpBy?.Id, ledger.Now);
            return RowOutcome.Created;
        }
    }
}
