using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Application.Tests.Support;

/// <summary>
/// The Threat Detection samples (Fixtures/salesforce-threats, copied unchanged from the shared formats folder) and the
/// moves their tests share: a ledger whose clock stands after the events, and the accounts it knows.
/// </summary>
internal static class ThreatFixtures
{
    public const string ApiAnomaly = "threat-apianomaly.csv";
    public const string CredentialStuffing = "threat-credentialstuffing.csv";

    /// <summary>The header every store shares, for tests that write their own rows.</summary>
    public const string CommonHeader = "EventDate,EventIdentifier,UserId,Username,SourceIp,Score,Summary,SecurityEventData";

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "salesforce-threats", file);

    public static string Text(string file) => File.ReadAllText(Path(file));

    /// <summary>A ledger the day after the samples' last event.</summary>
    public static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        return test;
    }

    /// <summary>
    /// Accounts for these users, as a User export (sf-users) brings them, with the ids the samples give them:
    /// the only way the ledger comes to know a Salesforce account without a token.
    /// </summary>
    public static async Task KnowAccountsAsync(TestLedger test, params string[] usernames)
    {
        var lines = new List<string> { "Id,Username,IsActive,UserType" };
        lines.AddRange(usernames.Select(u => $"{UserIds[u]},{u},true,Standard"));
        var path = Samples.Write(test, $"users-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile("sf-users", path, AsOf: new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc)));
        Assert.That(outcome.Errors, Is.Empty, "the accounts import cleanly");
    }

    /// <summary>The users of the samples and their ids (as samples/salesforce/user.csv has them).</summary>
    public static readonly Dictionary<string, string> UserIds = new()
    {
        ["admin.ops@example.com"] = "005xx000001Va1MAAS",
        ["integration.sync@example.com"] = "005xx000001Sv7AAAS",
        ["mulesoft.api@example.com"] = "005xx000001Sv8QAAS",
        ["etl.bot@example.com"] = "005xx000001Uq9kAAC",
        ["j.rivera@example.com"] = "005xx000001Tb2cAAC",
        ["k.patel@example.com"] = "005xx000001Wk2PAAS",
        ["l.moreau@example.com"] = "005xx000001Wk3EAAS",
        ["s.ito@example.com"] = "005xx000001Wm7sAAC",
        ["d.novak@example.com"] = "005xx000001Xd4NAAS",
        ["p.lindqvist@example.com"] = "005xx000001Yp8LAAS",
    };

    public static Task<ImportOutcome> ImportAsync(TestLedger test, string path, string format = "auto", bool dryRun = false, string? errors = null) =>
        new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(format, path, DryRun: dryRun, ErrorsPath: errors));

    public static async Task<UsageImportResult> ImportSampleAsync(TestLedger test, string file)
    {
        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", Path(file)));
        Assert.That(result.Errors, Is.Empty, $"{file} imports cleanly");
        return result;
    }
}
