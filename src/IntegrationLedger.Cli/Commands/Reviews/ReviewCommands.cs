using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Reviews;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Reviews;

namespace IntegrationLedger.Cli.Commands.Reviews;

/// <summary><c>ledger review start --quarter 2026-Q4 [--due DATE]</c>.</summary>
internal sealed class ReviewStartCommand : LedgerCommand
{
    private readonly Option<Quarter> _quarter = CliOptions.Quarter("--quarter", "The quarter under review: 2026-Q4, 2026Q4 or Q4-2026");
    private readonly Option<DateOnly?> _due = CliOptions.Date("--due", "When owners must have attested (default: two weeks after the quarter)");

    public ReviewStartCommand(CliServices cli)
        : base(cli, "start", "Start a quarter's access review: one item per token usage, per integration and per integration account's access level, assigned to its owner")
    {
        Options.Add(_quarter);
        Options.Add(_due);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new StartReview(parse.GetValue(_quarter), parse.GetValue(_due));
        var status = await new StartReviewHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, status, s =>
        {
            Output.Line($"Started the access review of {s.Quarter}: {s.Items} item(s) for {s.Owners.Count} owner(s), due {DisplayText.Date(s.DueOn)}.");
            ReviewStatusCommand.RenderOwners(Output, s);
        });
    }
}

/// <summary><c>ledger review status [--quarter Q] [--items] [--owner EMAIL]</c>.</summary>
internal sealed class ReviewStatusCommand : LedgerCommand
{
    private readonly Option<Quarter?> _quarter = CliOptions.OptionalQuarter("--quarter", "The quarter (default: the latest open review, else the latest)");
    private readonly Option<bool> _items = new("--items") { Description = "List every item with its id, to attest" };
    private readonly Option<string?> _owner = Optional("--owner", "Only this owner: their progress, and with --items their items", "EMAIL");

    public ReviewStatusCommand(CliServices cli)
        : base(cli, "status", "Show a review's progress per owner, and with --items the items to attest")
    {
        Options.Add(_quarter);
        Options.Add(_items);
        Options.Add(_owner);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var handler = new GetReviewStatusHandler(ledger);
        var status = parse.GetValue(_quarter) is { } quarter
            ? await handler.HandleAsync(quarter, cancellationToken)
            : await handler.LatestAsync(cancellationToken);
        var owner = parse.GetValue(_owner);
        if (owner is not null)
        {
            bool IsTheirs(string itemOwner) => string.Equals(itemOwner, owner.Trim(), StringComparison.OrdinalIgnoreCase);
            status = status with
            {
                Owners = status.Owners.Where(o => IsTheirs(o.Owner)).ToList(),
                ItemList = status.ItemList.Where(i => IsTheirs(i.Owner)).ToList(),
            };
        }
        return Show(parse, status, s =>
        {
            var state = s.CompletedAt is { } done ? $"completed {DisplayText.Time(done)}" : $"{s.Decided} of {s.Items} attested, due {DisplayText.Date(s.DueOn)}";
            Output.Line($"Access review {s.Quarter}: {state}.");
            RenderOwners(Output, s);
            if (parse.GetValue(_items))
            {
                var table = CliOutput.NewTable("Item", "Owner", "Kind", "Subject", "Decision", "Note", "By");
                foreach (var i in s.ItemList)
                    table.AddTextRow(i.Id, i.Owner, KindOf(i.SubjectType), i.Subject, i.Decision is { } d ? KebabCase.Of(d) : "", i.Note, i.DecidedBy);
                Output.Write(table);
                RenderAccessLevels(Output, s.ItemList);
            }
        });
    }

    private static string KindOf(string subjectType) => subjectType switch
    {
        ReviewSubjects.TokenUsage => "token usage",
        ReviewSubjects.Token => "unused token",
        ReviewSubjects.AccountAccess => "access level",
        _ => "integration",
    };

    /// <summary>What the owner of an access-level item attests: the account's access now, too long for a table's cell.</summary>
    private static void RenderAccessLevels(CliOutput output, IReadOnlyList<ReviewItemView> items)
    {
        var levels = items.Where(i => i.Access is not null).ToList();
        if (levels.Count == 0)
            return;
        output.Line($"Access levels now ({ReviewedAccess.Question}):");
        foreach (var i in levels)
            output.Line($"  {i.Id} {i.Access!.Username}: {i.Access.Level}{(i.Access.AsOf is { } asOf ? $" (exports as of {DisplayText.Time(asOf)})" : "")}");
    }

    internal static void RenderOwners(CliOutput output, ReviewStatus status)
    {
        var table = CliOutput.NewTable("Owner", "Items", "Attested", "Keep", "Change", "Revoke");
        foreach (var o in status.Owners)
        {
            table.AddTextRow(o.Owner, Number(o.Items), Number(o.Decided), Number(o.Keep), Number(o.Change), Number(o.Revoke));
        }
        output.Write(table);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>ledger review attest ITEM --keep|--change|--revoke --note TEXT</c>.</summary>
internal sealed class ReviewAttestCommand : LedgerCommand
{
    private readonly Argument<string> _item = Named("ITEM", "The item's id, as 'ledger review status --items' lists it");
    private readonly Option<bool> _keep = new("--keep") { Description = "Still needed as it is" };
    private readonly Option<bool> _change = new("--change") { Description = "Needed, but must change (owner, scope, networks)" };
    private readonly Option<bool> _revoke = new("--revoke") { Description = "No longer needed: its token is revoked now (an access level's is only recorded: the ledger says what to do in Salesforce)" };
    private readonly Option<string> _note = Required("--note", "Why: the review's results are audit evidence", "TEXT");

    public ReviewAttestCommand(CliServices cli)
        : base(cli, "attest", "Attest one item of an access review")
    {
        Arguments.Add(_item);
        foreach (var option in new Option[] { _keep, _change, _revoke, _note })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var chosen = new[] { (parse.GetValue(_keep), ReviewDecision.Keep), (parse.GetValue(_change), ReviewDecision.Change), (parse.GetValue(_revoke), ReviewDecision.Revoke) }
            .Where(c => c.Item1).Select(c => c.Item2).ToList();
        if (chosen.Count != 1)
            throw new UsageException("Give exactly one of --keep, --change or --revoke.");
        var result = await new AttestReviewItemHandler(ledger).HandleAsync(new AttestReviewItem(parse.GetValue(_item)!, chosen[0], parse.GetValue(_note)!), cancellationToken);
        return Show(parse, result, r =>
        {
            Output.Line($"{r.Item.Subject}: {KebabCase.Of(r.Item.Decision!.Value)}."
                + (r.TokensRevoked.Count > 0 ? $" Revoked: {string.Join(", ", r.TokensRevoked)}." : "")
                + (r.ReviewComplete ? $" The access review of {r.Quarter} is complete." : ""));
            if (r.Item.Access is { } access)
                Output.Line($"Attested as it stands now: {access.Level}.");
            if (r.InSalesforce is { } inSalesforce)
                Output.Line(inSalesforce);
        });
    }
}
