using System.Globalization;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Features.Activity;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Application.Tests.Features.Incidents;

/// <summary>A RestApi request of one of the scenario's users, as an Event Monitoring file has it.</summary>
internal sealed record Request(DateTime At, string User, string Entity, long Rows, string Ip);

/// <summary>
/// The incident tests' ledger. Vendor Acme has two integrations: "Acme Connector" (claims the sample's Acme Sync
/// Connector app by its name, uses acme-token on integration.sync's account, may connect only from 192.0.2.0/24) and
/// "Acme Backfill" (no app; backfill-token; recognised by mulesoft.api's account, no allowed networks). The legacy
/// Orbit app is Acme's by hand, claimed by no integration. Vendor Orbit's "Orbit Extract" claims Orbit BI Extract by
/// its 15-character id and is recognised by etl.bot's account: it is in no Acme incident.
/// </summary>
internal static class IncidentScenario
{
    public const string Vendor = "Acme";
    public const string Connector = "Acme Connector";
    public const string Backfill = "Acme Backfill";
    public const string Orbit = "Orbit Extract";

    public const string AcmeApp = "Acme Sync Connector";
    public const string LegacyApp = "Orbit BI Extract, Legacy (do not use)";
    public const string OrbitApp = "Orbit BI Extract";

    public const string SyncUser = "integration.sync@example.com";
    public const string MuleUser = "mulesoft.api@example.com";
    public const string EtlUser = "etl.bot@example.com";

    public const string Allowed = "192.0.2.10";
    public const string Outside = "203.0.113.50";

    private static readonly Dictionary<string, string> UserIds = new()
    {
        [SyncUser] = "005xx000001Sv7A",
        [MuleUser] = "005xx000001Sv8Q",
        [EtlUser] = "005xx000001Uq9k",
    };

    /// <summary>When the scenario's ledger stands: after every event of the samples and of <see cref="Requests"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The moment the incidents of the scope tests look back to: part-way through 28 November.</summary>
    public static readonly DateTime When = new(2026, 11, 28, 10, 30, 0, DateTimeKind.Utc);

    /// <summary>
    /// Requests on the days around <see cref="When"/>: whole days before it, the part of its day before it (to the
    /// millisecond), the part at and after it, and whole days after it (to today), from allowed and outside addresses.
    /// </summary>
    public static IReadOnlyList<Request> Requests { get; } =
    [
        new(At(11, 26, 2), SyncUser, "Account", 1_000, Allowed),
        new(At(11, 27, 2), SyncUser, "Account", 1_100, Allowed),
        new(At(11, 27, 5), MuleUser, "Lead", 10, "198.51.100.7"),
        new(At(11, 27, 6), EtlUser, "Account", 8_000, "198.51.100.23"),
        new(At(11, 28, 2), SyncUser, "Account", 1_200, Allowed),
        new(When.AddMilliseconds(-1), SyncUser, "Contact", 50, Outside),
        new(When, SyncUser, "Contact", 300, Outside),
        new(At(11, 28, 15), SyncUser, "Account", 1_300, Allowed),
        new(At(11, 28, 16), EtlUser, "Account", 9_000, "198.51.100.23"),
        new(At(11, 28, 23).AddMinutes(59).AddSeconds(59).AddMilliseconds(500), SyncUser, "Opportunity", 20, Outside),
        new(At(11, 29, 2), SyncUser, "Account", 1_400, Allowed),
        new(At(11, 29, 4), SyncUser, "Contact", 5_000, Outside),
        new(At(11, 29, 5), MuleUser, "Lead", 70, "198.51.100.7"),
        new(At(11, 29, 6), EtlUser, "Account", 9_999, "198.51.100.23"),
        new(At(11, 30, 2), SyncUser, "Account", 1_500, "192.0.2.11"),
        new(At(12, 1, 2), SyncUser, "Account", 1_600, Allowed),
    ];

    private static DateTime At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>The integrations, tokens and accounts of the scenario, and the sample ConnectedApplication and OauthToken exports; no activity.</summary>
    public static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(Now);
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(Connector, Vendor, "ana@example.com", "Cases", null, NetworkTrust.Untrusted,
            ["192.0.2.0/24"], [new(AttributionRuleKind.Application, AcmeApp), new(AttributionRuleKind.Account, SyncUser)]));
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(Backfill, Vendor, "ana@example.com", "Backfill", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.Account, MuleUser)]));
        await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(Orbit, "Orbit", "ana@example.com", "BI", null, NetworkTrust.Untrusted,
            ["198.51.100.0/24"], [new(AttributionRuleKind.ConnectedAppId, "0H4xx0000004Gz7"), new(AttributionRuleKind.Account, EtlUser)]));

        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("acme-token", TokenKind.SalesforceSecurityToken, "ana@example.com",
            Account: SyncUser, AccountUserId: UserIds[SyncUser], IssuedAt: new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc)));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("backfill-token", TokenKind.ApiKey, "ana@example.com",
            IssuedAt: new DateTime(2026, 2, 5, 0, 0, 0, DateTimeKind.Utc)));
        await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken("orbit-token", TokenKind.ApiKey, "ana@example.com",
            IssuedAt: new DateTime(2026, 3, 5, 0, 0, 0, DateTimeKind.Utc)));
        await test.UseTokenAsync("acme-token", Connector);
        await test.UseTokenAsync("backfill-token", Backfill);
        await test.UseTokenAsync("orbit-token", Orbit);

        // The accounts the rules name (and j.rivera, who holds an Acme token), as a User export brings them.
        await ThreatFixtures.KnowAccountsAsync(test, MuleUser, EtlUser, "j.rivera@example.com");
        foreach (var file in new[] { "connectedapplication.csv", "oauthtoken.csv" })
        {
            var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(ImportFormats.Auto, Samples.Salesforce(file)));
            Assert.That((outcome.Committed, outcome.Errors.Count), Is.EqualTo((true, 0)), file);
        }
        await new SetConnectedAppHandler(test.Ledger).HandleAsync(new SetConnectedApp(LegacyApp, null, Vendor));
        return test;
    }

    /// <summary>The scenario's ledger with <see cref="Requests"/> imported as one RestApi event log file.</summary>
    public static async Task<TestLedger> LedgerWithActivityAsync()
    {
        var test = await LedgerAsync();
        var path = VolumeScenario.ElfFile(test,
            ["EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "USER_ID", "USER_NAME", "CLIENT_IP", "METHOD", "STATUS_CODE", "ENTITY_NAME", "ROWS_PROCESSED", "RESPONSE_SIZE"],
            Requests.Select((r, i) => new[]
            {
                "RestApi", r.At.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), $"4ZZinc{i:D4}", UserIds[r.User], r.User, r.Ip, "GET", "200",
                r.Entity, r.Rows.ToString(CultureInfo.InvariantCulture), (r.Rows * 100).ToString(CultureInfo.InvariantCulture),
            }).ToArray());
        var result = await VolumeScenario.ImportAsync(test, path);
        Assert.That(result.Counts.Unattributed, Is.Zero, "every request is one of the scenario's integrations'");
        return test;
    }
}
