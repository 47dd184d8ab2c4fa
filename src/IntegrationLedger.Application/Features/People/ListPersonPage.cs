using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

/// <summary>A page of the people list: searched by name or email; filtered by department and whether they have departed.</summary>
public sealed record ListPersonPage(ListQuery List, string? Department = null, PersonStatus? Status = null);

public sealed class ListPersonPageHandler(Ledger ledger)
{
    public static SortColumns<Person> Columns { get; } = new SortColumns<Person>()
        .Add("email", p => p.Email)
        .Add("name", p => p.Name)
        .Add("department", p => p.Department)
        .Add("status", p => p.Status)
        .Add("departed", p => p.DepartedOn, descendingByDefault: true)
        .TieBrokenBy(p => p.Email);

    private static readonly ExportColumns<Person> Csv = new()
    {
        { "email", p => p.Email }, { "name", p => p.Name }, { "department", p => p.Department }, { "status", p => p.Status }, { "departedOn", p => p.DepartedOn },
    };

    public async Task<ListPage<PersonSummary>> PageAsync(ListPersonPage request, CancellationToken cancellationToken = default) =>
        (await Filtered(request).PageAsync(Columns, request.List, cancellationToken)).Select(PersonSummary.From);

    public ListExport Export(ListPersonPage request) => Csv.Export("people", Columns.Apply(Filtered(request), request.List));

    private IQueryable<Person> Filtered(ListPersonPage request)
    {
        var people = ledger.Db.People.AsNoTracking();
        if (request.List.Search is { } search)
        {
            var pattern = ListQueries.Containing(search);
            people = people.Where(p => EF.Functions.Like(p.Name, pattern, ListQueries.LikeEscape) || EF.Functions.Like(p.Email, pattern, ListQueries.LikeEscape));
        }
        if (!string.IsNullOrWhiteSpace(request.Department))
            people = people.Where(p => EF.Functions.Like(p.Department!, ListQueries.Exactly(request.Department.Trim()), ListQueries.LikeEscape));
        if (request.Status is { } status)
            people = people.Where(p => p.Status == status);
        return people;
    }

    /// <summary>The departments the ledger knows, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> DepartmentsAsync(CancellationToken cancellationToken = default) =>
        await ledger.Db.People.AsNoTracking().Where(p => p.Department != null).Select(p => p.Department!).Distinct().OrderBy(d => d).Take(500).ToListAsync(cancellationToken);
}
