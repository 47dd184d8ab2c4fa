using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Lists;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.People;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public PersonListState List { get; private set; } = new();

    public ListPage<PersonSummary> People { get; private set; } = null!;

    /// <summary>The departments the ledger knows, offered as the department filter's choices.</summary>
    public IReadOnlyList<string> Departments { get; private set; } = [];

    [BindProperty]
    public AddPersonInput Add { get; set; } = new();

    public Task OnGetAsync([FromQuery] PersonListState list, CancellationToken cancellationToken) => LoadAsync(list, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync([FromQuery] PersonListState list, CancellationToken cancellationToken) =>
        new CsvDownload(new ListPersonPageHandler(await LedgerAsync(cancellationToken)).Export(list.ToRequest()));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await new AddPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Added {person.Name} <{person.Email}>.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(await ListStateAsync<PersonListState>(), cancellationToken);
        return true;
    }

    private async Task LoadAsync(PersonListState list, CancellationToken cancellationToken)
    {
        var handler = new ListPersonPageHandler(await LedgerAsync(cancellationToken));
        List = list;
        People = await handler.PageAsync(list.ToRequest(), cancellationToken);
        Departments = await handler.DepartmentsAsync(cancellationToken);
    }
}

/// <summary>The people list's filters, from the address: <c>/people?department=Sales&amp;status=Departed</c>.</summary>
public sealed class PersonListState : ListState
{
    public string? Department { get; set; }
    public PersonStatus? Status { get; set; }

    public ListPersonPage ToRequest() => new(ToQuery(), Department, Status);
}

/// <summary>The "Add a person" form; <see cref="AddPersonValidator"/> judges it.</summary>
public sealed class AddPersonInput
{
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Department { get; set; }

    public AddPerson ToRequest() => new(Email, Name, Department);
}
