using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenListCommand : LedgerCommand
{
    private readonly Option<bool> _due = new("--due") { Description = "Only active tokens due for rotation, overdue, or waiting for integrations to be updated" };
    private readonly Option<int?> _within = CliOptions.Count("--within", "With --due: how many days ahead counts as due (default 30)", "DAYS");

    public TokenListCommand(CliServices cli)
        : base(cli, "list", "List tokens with their rotation dates and usages")
    {
        Options.Add(_due);
        Options.Add(_within);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ListTokens(parse.GetValue(_due) ? parse.GetValue(_within) ?? 30 : null);
        var tokens = await new ListTokensHandler(ledger).HandleAsync(request, cancellationToken);
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
