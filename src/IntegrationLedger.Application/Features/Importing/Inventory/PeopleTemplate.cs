using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Domain.People;

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
    ];

    public IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording) => new Applier(header);

    private sealed class Applier(HeaderMap header) : IInventoryRowApplier
    {
        public async Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile csv, List<RowError> errors, CancellationToken cancellationToken)
        {
            var row = new TemplateRow(csv, header, errors);
            var email = row.Text("email") ?? "";
            var name = row.Text("name") ?? "";
            var departedOn = row.Date("departed_on");
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
                return RowOutcome.Created;
            }

            var changed = person.UpdateDetails(name, row.Text("department"));
            if (departedOn is { } date && person.DepartedOn != date)
            {
                person.Offboard(date);
                changed = true;
            }
            return changed ? RowOutcome.Updated : RowOutcome.Unchanged;
        }
    }
}
