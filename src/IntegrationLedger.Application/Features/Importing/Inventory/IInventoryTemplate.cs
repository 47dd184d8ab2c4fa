using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

/// <summary>One of our own CSV layouts for keeping the inventory in a spreadsheet.</summary>
public interface IInventoryTemplate
{
    /// <summary>The name users give on the command line, such as <c>people</c>.</summary>
    string Name { get; }

    /// <summary>The columns in the order <c>ledger template</c> prints them; required ones first.</summary>
    IReadOnlyList<TemplateColumn> Columns { get; }

    bool Recognises(HeaderMap header) => Columns.Where(c => c.Required).All(c => header.Has(c.Name));

    IInventoryRowApplier Bind(HeaderMap header, ImportSource source, ImportWording wording);
}

public sealed record TemplateColumn(string Name, bool Required, string Description);

public enum RowOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>Applies the rows of one file to the ledger, inside the import's change.</summary>
public interface IInventoryRowApplier
{
    /// <summary>The row's outcome, or null when it was rejected (the reasons are added to <paramref name="errors"/>).</summary>
    Task<RowOutcome?> ApplyAsync(Ledger ledger, ITabularFile row, List<RowError> errors, CancellationToken cancellationToken);

    /// <summary>What follows from the rows as a whole, once every row is applied and just before the change commits.</summary>
    Task CompleteAsync(Ledger ledger, CancellationToken cancellationToken) => Task.CompletedTask;
}
