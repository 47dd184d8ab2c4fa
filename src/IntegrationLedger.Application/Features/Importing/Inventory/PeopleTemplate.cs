using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary><c>people</c>: one row per person, keyed by email.</summary>
public sealed class PeopleTemplate : IInventoryTemplate
{
    public string Name => "people";

    public IReadOnlyList<TemplateColumn> Columns { get; } =
    [
        new("email", true, "The person's email, their key in the ledger"),
        new("name", true, "Full name"),
        new("department", false, "Department or team"),
        new("departed_on", false, "YYYY-MM-DD when the person left; empty while they are here"),
        new("trained_on", false, $"YYYY-MM-DD of the person's latest security training ({TrainingRecord.DefaultCourse}); empty when none is known"),
    ];

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording) => new Applier(header);

    private sealed class Applier(HeaderMap header) : IInventoryRowApplier
    {
        /// <summary>A training date the ledger does not hold yet is a completion of the default course; one it holds changes nothing.</summary>
        private static async Task<bool> RecordTrainingAsync(Ledger ledger, Person person, DateOnly? trainedOn, CancellationToken cancellationToken)
        {
            if (trainedOn is not { } on)
                return false;
            var course = TrainingRecord.DefaultCourse;
            if (ledger.Db.TrainingRecords.Local.Any(t => t.PersonId == person.Id && t.CompletedOn == on && t.Course == course)
                || await ledger.Db.TrainingRecords.AnyAsync(t => t.PersonId == person.Id && t.CompletedOn == on && t.Course == course, cancellationToken))
                return false;
            ledger.Db.TrainingRecords.Add(new TrainingRecord(person.Id, on, course, ledger.Actor, ledger.Now));
            return true;
        }

        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var email = row.Text("email") ?? "";
            var name = row.Text("name") ?? "";
            var departedOn = row.Date("departed_on");
            var trainedOn = row.Date("trained_on");
            if (trainedOn > DateOnly.FromDateTime(ledger.Now))
                row.Fail("trained_on", $"'{trainedOn:yyyy-MM-dd}' is in the future; record training once it has happened");
            // The same rules as 'person add', reported against this file's columns.
            foreach (var failure in new AddPersonValidator().Validate(new AddPerson(email, name, row.Text("department"))).Errors)
                row.Fail(HeaderMap.Normalize(failure.PropertyName), failure.ErrorMessage);
            if (departedOn > DateOnly.FromDateTime(ledger.Now))
                row.Fail("departed_on", $"'{departedOn:yyyy-MM-dd}' is in the future; record a departure once it has happened");
            var person = row.HasErrors ? null : await ledger.Db.PersonAsync(email, cancellationToken);
            if (person is { DepartedOn: { } recorded } && departedOn is { } given && given != recorded)
                row.Fail("departed_on", $"{person.Email} is recorded as departed on {recorded:yyyy-MM-dd}, not {given:yyyy-MM-dd}");
            if (row.HasErrors)
                return null;

            if (person is null)
            {
                person = new Person(email, name, row.Text("department"), ledger.Now);
                ledger.Db.People.Add(person);
                if (departedOn is { } on)
                    person.Offboard(on);
                await RecordTrainingAsync(ledger, person, trainedOn, cancellationToken);
                return RowOutcome.Created;
            }

            var changed = person.UpdateDetails(name, row.Text("department"));
            if (departedOn is { } date && person.DepartedOn != date)
            {
                person.Offboard(date);
                changed = true;
            }
            changed |= await RecordTrainingAsync(ledger, person, trainedOn, cancellationToken);
            return changed ? RowOutcome.Updated : RowOutcome.Unchanged;
        }
    }
}
