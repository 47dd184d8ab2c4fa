using IntegrationLedger.Application.Features.Access;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Access;

namespace IntegrationLedger.Application.Tests.Features.Access;

/// <summary>The access tests' shared moves: the sample exports imported as of a moment, with the clock after it.</summary>
internal static class AccessScenario
{
    /// <summary>The moment the sample exports were taken, the evening after their last login.</summary>
    internal static readonly DateTime ExportedAt = new(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc);

    internal static readonly string[] FourExports = ["user.csv", "permissionsetassignment.csv", "twofactormethodsinfo.csv", "userlogin.csv"];

    /// <summary>A ledger whose clock stands the day after the exports, so that their moments have passed.</summary>
    internal static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return test;
    }

    internal static async Task<ImportOutcome> ImportAsync(TestLedger test, string path, DateTime? asOf = null, string format = "auto", bool dryRun = false) =>
        await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(format, path, DryRun: dryRun, AsOf: asOf ?? ExportedAt));

    internal static async Task<AccessImportResult> ImportSampleAsync(TestLedger test, string file, DateTime? asOf = null)
    {
        var outcome = await ImportAsync(test, Samples.Salesforce(file), asOf);
        Assert.That(outcome.Errors, Is.Empty, $"{file} imports cleanly");
        return outcome.Access ?? throw new AssertionException($"{file} was not read as an access export but as {outcome.Format}.");
    }

    internal static async Task ImportAllAsync(TestLedger test, DateTime? asOf = null)
    {
        foreach (var file in FourExports)
            await ImportSampleAsync(test, file, asOf);
    }

    internal static async Task<AccountAccess> AccessOfAsync(TestLedger test, string username, DateTime? at = null)
    {
        var details = await new ShowAccountHandler(test.Ledger).HandleAsync(username, at);
        var facts = await AccessFacts.LoadAsync(test.Ledger.Db, at ?? test.Ledger.Now, CancellationToken.None);
        return facts.Accounts.Single(a => a.Account.Username == details.Account.Username).Access;
    }
}
