using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Inventory;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>Recognises a file as a platform export or an inventory template from its header alone.</summary>
public static class ImportFormatDetector
{
    public static IEnumerable<string> AllNames =>
        UsageFormats.All.Select(f => f.Name).Concat(InventoryTemplates.All.Select(t => t.Name));

    /// <summary>The name of the format or template the header shows; throws naming the file when there is none.</summary>
    public static string Detect(string path)
    {
        using var csv = CsvFile.Open(path);
        return UsageFormats.Recognise(csv.Header)?.Name
            ?? InventoryTemplates.Recognise(csv.Header)?.Name
            ?? throw new ImportFileException(
                $"{path}, line {csv.Header.Line}: the header matches none of the formats ledger reads ({string.Join(", ", AllNames)}); " +
                $"it starts with {csv.Header.Preview()}.");
    }

    public static bool IsInventoryTemplate(string name) => InventoryTemplates.Find(name) is not null;
}
