using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Integrations;

internal sealed class IntegrationShowCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The integration's name");

    public IntegrationShowCommand(CliServices cli)
        : base(cli, "show", "Show an integration: rules, networks, vetting and the tokens it uses")
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var details = await new ShowIntegrationHandler(ledger).HandleAsync(parse.GetValue(_name)!, cancellationToken);
        return Show(parse, details, Render);
    }

    internal static void Render(CliOutput output, IntegrationDetails i)
    {
        output.Line($"{i.Name}  ({i.Vendor ?? "vendor unknown"}, {i.Environment}, {KebabCase.Of(i.Network)} network)");
        output.Line($"Owner: {i.OwnerEmail ?? "none"}");
        output.Line($"Purpose: {i.Purpose ?? "not stated"}");
        output.Line($"Allowed networks: {(i.AllowedNetworks.Count == 0 ? "any" : string.Join(", ", i.AllowedNetworks))}");
        output.Line("Attribution rules: " + (i.Rules.Count == 0 ? "none" : string.Join("; ", i.Rules.Select(r => $"{KebabCase.Of(r.Kind)} = {r.Value}"))));

        var vetting = CliOutput.NewTable("Vetted on", "Reviewer", "Outcome", "Evidence", "Next review");
        foreach (var v in i.Vetting)
            vetting.AddTextRow(DisplayText.Date(v.ReviewedOn), v.Reviewer, KebabCase.Of(v.Outcome), v.Evidence, DisplayText.Date(v.NextReviewOn));
        output.Write(vetting);

        var tokens = CliOutput.NewTable("Token", "Token status", "Purpose", "Since", "Usage", "Pending since", "Confirmed");
        foreach (var t in i.Tokens)
        {
            tokens.AddTextRow(t.Token, KebabCase.Of(t.TokenStatus), t.Purpose, DisplayText.Date(t.Since), KebabCase.Of(t.Status),
                DisplayText.Time(t.PendingSince), DisplayText.Time(t.ConfirmedAt));
        }
        output.Write(tokens);
    }

    private void Render(IntegrationDetails details) => Render(Output, details);
}
