using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Inventory;

public static class InventoryTemplates
{
    /// <summary>The templates people fill in: <c>ledger template NAME</c> writes them, and a workbook may hold one per sheet.</summary>
    public static IReadOnlyList<IInventoryTemplate> All { get; } =
        [new PeopleTemplate(), new IntegrationsTemplate(), new TokensTemplate(), new TokenUsagesTemplate()];

    /// <summary>Registers the platform exports (connected apps), read as templates are but never written blank.</summary>
    public static IReadOnlyList<IInventoryTemplate> Exports { get; } = [new ConnectedAppsExport()];

    /// <summary>Every template and register export an import reads.</summary>
    public static IReadOnlyList<IInventoryTemplate> Readable { get; } = [.. All, .. Exports];

    public static IInventoryTemplate? Find(string name) =>
        Readable.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template whose required columns the header has; the most specific first (token-usages before tokens).</summary>
    public static IInventoryTemplate? Recognise(HeaderMap header) => Recognise(header, Readable);

    /// <summary>Among the templates people fill in only, as a workbook's sheets hold them.</summary>
    public static IInventoryTemplate? RecogniseFilledIn(HeaderMap header) => Recognise(header, All);

    /// <summary>The header line of a template, as <c>ledger template NAME</c> prints it.</summary>
    public static string HeaderLine(IInventoryTemplate template) => string.Join(",", template.Columns.Select(c => c.Name));

    private static IInventoryTemplate? Recognise(HeaderMap header, IReadOnlyList<IInventoryTemplate> templates) =>
        templates.Where(t => t.Recognises(header)).MaxBy(t => t.Columns.Count(c => c.Required && header.Has(c.Name)));
}
