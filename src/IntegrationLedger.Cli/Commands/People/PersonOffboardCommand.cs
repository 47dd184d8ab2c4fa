using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.People;

internal sealed class PersonOffboardCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The departing person's email");
    private readonly Option<DateOnly> _on = CliOptions.RequiredDate("--on", "The departure date");
    private readonly Option<bool> _revokeTokens = new("--revoke-tokens") { Description = "Revoke their active tokens now (reason: offboarding)" };
    private readonly Option<string?> _reassignTo = Optional("--reassign-to", "Give their remaining tokens and their integrations to this person", "EMAIL");

    public PersonOffboardCommand(CliServices cli)
        : base(cli, "offboard", "Record a departure and print the offboarding plan")
    {
        Arguments.Add(_email);
        Options.Add(_on);
        Options.Add(_revokeTokens);
        Options.Add(_reassignTo);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new OffboardPerson(
            parse.GetValue(_email)!,
            parse.GetValue(_on),
            parse.GetValue(_revokeTokens),
            parse.GetValue(_reassignTo));
        var plan = await new OffboardPersonHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, plan, Render);
    }

    private void Render(OffboardingPlan plan)
    {
        Output.Line($"{plan.Person.Name} <{plan.Person.Email}> departed on {DisplayText.Date(plan.Person.DepartedOn)}.");
        Output.Line();
        Output.Line(plan.Tokens.Count == 0 ? "Tokens owned: none." : "Tokens owned:");
        if (plan.Tokens.Count > 0)
        {
            var tokens = CliOutput.NewTable("Token", "Kind", "Status", "Used by", "Action");
            foreach (var t in plan.Tokens)
                tokens.AddTextRow(t.Label, KebabCase.Of(t.Kind), KebabCase.Of(t.Status), string.Join(", ", t.UsedBy), t.Action);
            Output.Write(tokens);
        }
        Output.Line($"Integrations owned: {(plan.IntegrationsOwned.Count == 0 ? "none" : string.Join(", ", plan.IntegrationsOwned))}"
            + (plan.ReassignedTo is { } to && plan.IntegrationsOwned.Count > 0 ? $" (now owned by {to})" : ""));
        Output.Line(plan.UsagesConfigured.Count == 0
            ? "Token usages they set up: none."
            : "Token usages they set up (check who can maintain them): "
              + string.Join("; ", plan.UsagesConfigured.Select(u => $"{u.Integration} with {u.Token}")));
    }
}
