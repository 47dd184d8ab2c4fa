using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Tokens;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenListCommand : LedgerCommand
{
    private readonly Option<bool> _due = new("--due") { Description = "Only active tokens due for rotation, overdue, or waiting for integrations to be updated" };
    private readonly Option<int?> _within = CliOptions.Count("--within", "With --due: how many days ahead counts as due (default 30)", "DAYS");
    private readonly Option<string?> _owner = Optional("--owner", "Only the tokens this person owns", "EMAIL");
    private readonly Option<TokenStatus?> _status = CliOptions.OptionalChoice<TokenStatus>("--status", "Only tokens in this state");
    private readonly Option<TokenKind?> _kind = CliOptions.OptionalChoice<TokenKind>("--kind", "Only tokens of this kind", helpName: "KIND");

    public TokenListCommand(CliServices cli)
        : base(cli, "list", "List tokens with their rotation dates and usages")
    {
        foreach (var option in new Option[] { _due, _within, _owner, _status, _kind })
            Options.Add(option);
        this.OnlyWith(_within, _due);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ListTokens(
            parse.GetValue(_due) ? parse.GetValue(_within) ?? 30 : null,
            parse.GetValue(_owner),
            parse.GetValue(_status),
            parse.GetValue(_kind));
        var tokens = await new ListTokensHandler(ledger).HandleAsync(request, cancellationToken);
        // No tokens for an owner the ledger does not know is a typo to point out, not an empty list to show.
        if (tokens.Count == 0 && request.Owner is { } owner)
            await new ShowPersonHandler(ledger).HandleAsync(owner, cancellationToken);
        return Show(parse, tokens, list =>
        {
            var table = CliOutput.NewTable("Token", "Kind", "Owner", "Account", "Status", "Last rotated", "Due", "In use by", "Pending update");
            foreach (var t in list)
            {
                var due = t.RotationDueAt is { } at ? DisplayText.Date(at) + (t.Overdue ? " OVERDUE" : "") : "";
                table.AddRow(
                    Text(t.Label), Text(KebabCase.Of(t.Kind)), Text(t.OwnerEmail), Text(t.Account), Text(KebabCase.Of(t.Status)),
                    Text(DisplayText.Date(t.LastRotatedAt)), CliOutput.Text(due, t.Overdue ? new Style(Color.Red) : Style.Plain),
                    Text(t.InUseBy.ToString(CultureInfo.InvariantCulture)), CliOutput.Text(string.Join(", ", t.WaitingFor), new Style(Color.Yellow)));
            }
            Output.Write(table);
            if (request.DueWithinDays is { } days)
                Output.Line($"{list.Count} token(s) overdue, due within {days} days, or waiting for integrations to be updated.");
        });
    }

    private static Text Text(string? value) => CliOutput.Text(value);
}
