using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary>
/// <c>integrations</c>: one row per integration, keyed by name, with its attribution rules and allowed
/// networks as semicolon-separated lists and, optionally, its latest vetting. Rules and networks are
/// added, never removed: removing a rule changes how past activity reads, so it is a deliberate act.
/// </summary>
public sealed class IntegrationsTemplate : IInventoryTemplate
{
    private static readonly (string Column, AttributionRuleKind Kind)[] RuleColumns =
    [
        ("match_accounts", AttributionRuleKind.Account),
        ("match_apps", AttributionRuleKind.Application),
        ("match_connected_app_ids", AttributionRuleKind.ConnectedAppId),
        ("match_clients", AttributionRuleKind.ClientName),
        ("match_source_ips", AttributionRuleKind.SourceIp),
    ];

    private static readonly string[] VettingDetailColumns = ["vetted_by", "vetting_outcome", "vetting_evidence", "next_review"];

    /// <summary>The outcomes as the template and the command line spell them (and as the enum does, for files written by hand).</summary>
    private static readonly Dictionary<string, VettingOutcome> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approved"] = VettingOutcome.Approved,
        ["approved-with-conditions"] = VettingOutcome.ApprovedWithConditions,
        ["ApprovedWithConditions"] = VettingOutcome.ApprovedWithConditions,
        ["rejected"] = VettingOutcome.Rejected,
    };

    public string Name => "integrations";

    public IReadOnlyList<TemplateColumn> Columns { get; } =
    [
        new("name", true, "The integration's name, its key in the ledger"),
        new("vendor", true, "Who makes or runs it"),
        new("owner", false, "Email of the person who answers for it"),
        new("purpose", false, "What it does and why it needs access"),
        new("environment", false, "production (default), sandbox, ..."),
        new("network", false, "trusted or untrusted (default)"),
        new("allowed_cidrs", false, "Networks it may connect from, separated by ;"),
        new("match_accounts", false, "Account usernames whose activity is this integration's, separated by ;"),
        new("match_apps", false, "Application or connected app names, separated by ;"),
        new("match_connected_app_ids", false, "Connected app ids, separated by ;"),
        new("match_clients", false, "API client names, separated by ;"),
        new("match_source_ips", false, "Source networks that identify it, separated by ;"),
        new("vetted_on", false, "YYYY-MM-DD of the latest vendor review"),
        new("vetted_by", false, "Who reviewed it"),
        new("vetting_outcome", false, "approved, approved-with-conditions or rejected"),
        new("vetting_evidence", false, "Where the evidence is"),
        new("next_review", false, "YYYY-MM-DD of the next review (default: a year later)"),
    ];

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording) => new Applier(header);

    private sealed class Applier(HeaderMap header) : IInventoryRowApplier
    {
        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var name = row.Required("name");
            var network = row.Text("network") switch
            {
                null => NetworkTrust.Untrusted,
                var text when Enum.TryParse<NetworkTrust>(text, ignoreCase: true, out var trust) && Enum.IsDefined(trust) => trust,
                var text => Invalid<NetworkTrust>(row, "network", $"'{text}' is neither trusted nor untrusted"),
            };
            var ownerEmail = row.Text("owner");
            var owner = ownerEmail is null ? null : await ledger.Db.PersonAsync(ownerEmail, cancellationToken);
            if (ownerEmail is not null && owner is null)
                row.Fail("owner", $"no person with email '{ownerEmail}' is in the ledger (add them to people first)");
            var vetting = ReadVetting(row, ledger.Now);
            // Everything the domain would refuse is checked before anything changes, so a rejected row leaves nothing behind.
            foreach (var cidr in row.List("allowed_cidrs").Concat(row.List("match_source_ips")))
                CheckNetwork(row, cidr);
            foreach (var appId in row.List("match_connected_app_ids").Where(id => !Domain.Accounts.SalesforceId.TryNormalize(id, out _)))
                row.Fail("match_connected_app_ids", $"'{appId}' is not a Salesforce id");
            if (owner is { HasDeparted: true })
                row.Fail("owner", $"{owner.Email} has departed and cannot own an integration");
            if (row.HasErrors)
                return null;

            var now = ledger.Now;
            var integration = await ledger.Db.IntegrationAsync(name, cancellationToken);
            var outcome = RowOutcome.Unchanged;
            if (integration is null)
            {
                integration = new Integration(name, row.Text("vendor"), row.Text("purpose"), owner, row.Text("environment"), network, now);
                ledger.Db.Integrations.Add(integration);
                outcome = RowOutcome.Created;
            }
            else
            {
                var changed = integration.UpdateDetails(row.Text("vendor"), row.Text("purpose"), row.Text("environment"), network);
                if (owner is not null && integration.OwnerId != owner.Id)
                {
                    integration.TransferOwnership(owner);
                    changed = true;
                }
                outcome = changed ? RowOutcome.Updated : outcome;
            }

            foreach (var cidr in row.List("allowed_cidrs").Where(c => !integration.AllowsNetwork(c)))
            {
                integration.AllowNetwork(cidr, now);
                outcome = outcome == RowOutcome.Created ? outcome : RowOutcome.Updated;
            }
            foreach (var (column, kind) in RuleColumns)
            {
                foreach (var value in row.List(column).Where(v => !integration.HasAttributionRule(kind, v)))
                {
                    integration.AddAttributionRule(kind, kind == AttributionRuleKind.SourceIp ? AllowedNetwork.Normalize(value) : value, now);
                    outcome = outcome == RowOutcome.Created ? outcome : RowOutcome.Updated;
                }
            }
            if (vetting is { } v && !integration.VettingRecords.Any(r => r.ReviewedOn == v.On && r.Reviewer == v.By))
            {
                integration.RecordVetting(v.On, v.By, v.Outcome, row.Text("vetting_evidence"), v.Next ?? v.On.AddYears(1), now);
                outcome = outcome == RowOutcome.Created ? outcome : RowOutcome.Updated;
            }
            return outcome;
        }

        private static (DateOnly On, string By, VettingOutcome Outcome, DateOnly? Next)? ReadVetting(TemplateRow row, DateTime now)
        {
            var on = row.Date("vetted_on");
            var next = row.Date("next_review");
            if (on is null)
            {
                // A review's details without its date would be dropped without a word; they are a bad row instead.
                foreach (var column in VettingDetailColumns.Where(c => row.Text(c) is not null))
                    row.Fail(column, row.Text("vetted_on") is null ? "is given without vetted_on; a vetting is recorded with the date of the review" : "goes with a vetted_on that is not a date");
                return null;
            }
            var by = row.Text("vetted_by");
            if (by is null)
                row.Fail("vetted_by", "is required when vetted_on is given");
            if (on > DateOnly.FromDateTime(now))
                row.Fail("vetted_on", $"'{on:yyyy-MM-dd}' is in the future");
            if (next is { } nextReview && nextReview <= on)
                row.Fail("next_review", $"'{nextReview:yyyy-MM-dd}' does not come after the review");
            var outcomeText = row.Text("vetting_outcome");
            var outcome = outcomeText is not null && Outcomes.TryGetValue(outcomeText, out var parsed)
                ? parsed
                : Invalid<VettingOutcome>(row, "vetting_outcome", outcomeText is null ? "is required when vetted_on is given" : $"'{outcomeText}' is not approved, approved-with-conditions or rejected");
            return row.HasErrors ? null : (on.Value, by!, outcome, next);
        }

        private static void CheckNetwork(TemplateRow row, string cidr)
        {
            try
            {
                AllowedNetwork.Normalize(cidr);
            }
            catch (Domain.Common.DomainException exception)
            {
                row.Fail("allowed_cidrs", exception.Message.TrimEnd('.'));
            }
        }

        private static T Invalid<T>(TemplateRow row, string column, string reason)
            where T : struct
        {
            row.Fail(column, reason);
            return default;
        }
    }
}
