using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.People;

internal sealed class PersonShowCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The person's email");

    public PersonShowCommand(CliServices cli)
        : base(cli, "show", "Show a person with their accounts, tokens and integrations")
    {
        Arguments.Add(_email);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var details = await new ShowPersonHandler(ledger).HandleAsync(parse.GetValue(_email)!, cancellationToken);
        return Show(parse, details, Render);
    }

    private void Render(PersonDetails details)
    {
        var p = details.Person;
        Output.Line($"{p.Name} <{p.Email}>  {p.Department}");
        Output.Line($"Status: {KebabCase.Of(p.Status)}{(p.DepartedOn is { } on ? $" on {DisplayText.Date(on)}" : "")}");

        var accounts = CliOutput.NewTable("Account", "Kind", "User id");
        foreach (var a in details.Accounts)
            accounts.AddTextRow(a.Username, KebabCase.Of(a.Kind), a.PlatformUserId);
        Output.Write(accounts);

        var tokens = CliOutput.NewTable("Token", "Kind", "Status", "Rotation due");
        foreach (var t in details.Tokens)
            tokens.AddTextRow(t.Label, KebabCase.Of(t.Kind), KebabCase.Of(t.Status), DisplayText.Date(t.RotationDueAt));
        Output.Write(tokens);

        Output.Line($"Integrations owned: {(details.IntegrationsOwned.Count == 0 ? "none" : string.Join(", ", details.IntegrationsOwned))}");
        Output.Line(details.Training.Count == 0
            ? "Security training: none recorded (ledger person train EMAIL --on DATE)."
            : $"Security training: {string.Join("; ", details.Training.Select(t => $"{t.Course} on {DisplayText.Date(t.CompletedOn)}"))}");
    }
}
