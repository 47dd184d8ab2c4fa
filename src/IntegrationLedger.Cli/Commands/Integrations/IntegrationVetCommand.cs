using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Cli.Commands.Integrations;

internal sealed class IntegrationVetCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The integration's name");
    private readonly Option<string> _reviewer = Required("--reviewer", "Who reviewed the vendor", "NAME");
    private readonly Option<VettingOutcome> _outcome = CliOptions.Choice<VettingOutcome>("--outcome", "The decision");
    private readonly Option<DateOnly?> _on = CliOptions.Date("--on", "The review date (default: today)");
    private readonly Option<string?> _evidence = Optional("--evidence", "Where the evidence is: a ticket, a document, a questionnaire", "REFERENCE");
    private readonly Option<DateOnly?> _nextReview = CliOptions.Date("--next-review", "When to review again (default: a year later)");

    public IntegrationVetCommand(CliServices cli)
        : base(cli, "vet", "Record a vendor security review of an integration")
    {
        Arguments.Add(_name);
        foreach (var option in new Option[] { _reviewer, _outcome, _on, _evidence, _nextReview })
            Options.Add(option);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new VetIntegration(
            parse.GetValue(_name)!,
            parse.GetValue(_on) ?? DateOnly.FromDateTime(ledger.Now),
            parse.GetValue(_reviewer)!,
            parse.GetValue(_outcome),
            parse.GetValue(_evidence),
            parse.GetValue(_nextReview));
        var details = await new VetIntegrationHandler(ledger).HandleAsync(request, cancellationToken);
        return Show(parse, details, d => Output.Line(
            $"Recorded the vetting of '{d.Name}' on {DisplayText.Date(request.ReviewedOn)}: {KebabCase.Of(request.Outcome)}."));
    }
}
