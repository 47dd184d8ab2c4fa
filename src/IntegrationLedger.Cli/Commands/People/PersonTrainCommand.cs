using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.People;

/// <summary><c>ledger person train EMAIL --on DATE [--course NAME]</c>: record a completion of security training.</summary>
internal sealed class PersonTrainCommand : LedgerCommand
{
    private readonly Argument<string> _email = Named("EMAIL", "The person's email");
    private readonly Option<DateOnly> _on = CliOptions.RequiredDate("--on", "The day the training was completed");
    private readonly Option<string?> _course = Optional("--course", $"The course (default: {Domain.People.TrainingRecord.DefaultCourse})", "NAME");

    public PersonTrainCommand(CliServices cli)
        : base(cli, "train", "Record a completion of security training")
    {
        Arguments.Add(_email);
        Options.Add(_on);
        Options.Add(_course);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var recorded = await new RecordTrainingHandler(ledger).HandleAsync(
            new RecordTraining(parse.GetValue(_email)!, parse.GetValue(_on), parse.GetValue(_course)), cancellationToken);
        return Show(parse, recorded, r => Output.Line(r.AlreadyRecorded
            ? $"{r.Person.Name} <{r.Person.Email}>: {r.Training.Course} on {DisplayText.Date(r.Training.CompletedOn)} was already recorded; nothing changed."
            : $"Recorded: {r.Person.Name} <{r.Person.Email}> completed {r.Training.Course} on {DisplayText.Date(r.Training.CompletedOn)}."));
    }
}
