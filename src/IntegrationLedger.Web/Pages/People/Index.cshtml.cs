using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Pages.People;

[ChangedBy(Policies.ChangeInventory)]
public sealed class IndexModel(LedgerSession session) : LedgerPageModel(session)
{
    public IReadOnlyList<PersonSummary> People { get; private set; } = [];

    [BindProperty]
    public AddPersonInput Add { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await new AddPersonHandler(await LedgerAsync(cancellationToken)).HandleAsync(Add.ToRequest(), cancellationToken);
        return Done($"Added {person.Name} <{person.Email}>.");
    }

    protected override async Task<bool> ShowAgainAsync(string handler, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        People = await new ListPeopleHandler(await LedgerAsync(cancellationToken)).HandleAsync(cancellationToken);
}

/// <summary>The "Add a person" form; <see cref="AddPersonValidator"/> judges it.</summary>
public sealed class AddPersonInput
{
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Department { get; set; }

    public AddPerson ToRequest() => new(Email, Name, Department);
}
