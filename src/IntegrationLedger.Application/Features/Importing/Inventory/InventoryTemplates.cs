using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

public static class InventoryTemplates
{
    public static IReadOnlyList<IInventoryTemplate> All { get; } =
        [new PeopleTemplate(), new IntegrationsTemplate(), new TokensTemplate(), new TokenUsagesTemplate()];

    public static IInventoryTemplate? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template whose required columns the header has; the most specific first (token-usages before tokens).</summary>
    public static IInventoryTemplate? Recognise(HeaderMap header) =>
        All.Where(t => t.Recognises(header)).MaxBy(t => t.Columns.Count(c => c.Required && header.Has(c.Name)));

    /// <summary>The header line of a template, as <c>ledger template NAME</c> prints it.</summary>
    public static string HeaderLine(IInventoryTemplate template) => string.Join(",", template.Columns.Select(c => c.Name));
}
