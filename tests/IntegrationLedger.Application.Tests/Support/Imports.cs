using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Application.Tests.Support;

/// <summary>
/// Imports through the one import use case, and hands the test the details of the kind of file it expects,
/// failing the test when the file was read as the other kind.
/// </summary>
internal static class Imports
{
    public static async Task<UsageImportResult> ImportUsageAsync(this Ledger ledger, ImportFile request) =>
        (await new ImportFileHandler(ledger).HandleAsync(request)).Usage
            ?? throw new AssertionException($"{request.Path} was read as an inventory template, not a platform export.");

    public static async Task<InventoryImportResult> ImportInventoryAsync(this Ledger ledger, ImportFile request) =>
        (await new ImportFileHandler(ledger).HandleAsync(request)).Inventory
            ?? throw new AssertionException($"{request.Path} was read as a platform export, not an inventory template.");
}
