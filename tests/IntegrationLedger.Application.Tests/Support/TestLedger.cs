using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Application.Tests.Support;

/// <summary>
/// A real ledger in a temporary folder with a fixed clock, and builders for the records most tests need.
/// Raw SQL through <see cref="OpenRawConnection"/> plays the part of someone working behind the
/// application's back.
/// </summary>
public sealed class TestLedger : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = TestClock.Start;

    private TestLedger(string folder, FakeTimeProvider clock, Ledger ledger)
    {
        Folder = folder;
        Clock = clock;
        Ledger = ledger;
    }

    public string Folder { get; }
    public FakeTimeProvider Clock { get; }
    public Ledger Ledger { get; private set; }
    public string DatabasePath => Ledger.DatabasePath;

    /// <summary>
    /// A new ledger, as <see cref="Ledger.InitializeAsync"/> makes it at <see cref="Start"/>: a copy of one made
    /// once per test run, so its key is shared with the other copies.
    /// </summary>
    public static async Task<TestLedger> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-test-").FullName;
        var clock = TestClock.Create(Start);
        var options = Options(folder, clock);
        await LedgerTemplates.CopyAsync("application", MakeTemplateAsync, options.DatabasePath);
        return new TestLedger(folder, clock, await Ledger.OpenAsync(options));
    }

    /// <summary>
    /// A ledger made here and now by <see cref="Ledger.InitializeAsync"/>, with a key of its own: for tests of
    /// creating a ledger, of its files, and of keys that must differ between ledgers.
    /// </summary>
    public static async Task<TestLedger> CreateFreshAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-test-").FullName;
        var clock = TestClock.Create(Start);
        var ledger = await Ledger.InitializeAsync(Options(folder, clock));
        return new TestLedger(folder, clock, ledger);
    }

    private static async Task MakeTemplateAsync(string databasePath)
    {
        await using var ledger = await Ledger.InitializeAsync(new LedgerOptions(databasePath, "tester", TestClock.Create(Start)));
    }

    public static LedgerOptions Options(string folder, TimeProvider clock, string actor = "tester") =>
        new(Path.Combine(folder, "ledger.db"), actor, clock);

    /// <summary>A second, independent connection to the same file, as another process would have.</summary>
    public Task<Ledger> OpenAnotherAsync(string actor = "other") => Ledger.OpenAsync(Options(Folder, Clock, actor));

    public SqliteConnection OpenRawConnection() => RawSql.Open(DatabasePath);

    public int ExecuteRaw(string sql) => RawSql.Execute(DatabasePath, sql);

    public long ScalarRaw(string sql) => RawSql.Scalar(DatabasePath, sql);

    public string? ScalarRawText(string sql) => RawSql.ScalarText(DatabasePath, sql);

    public Task<PersonSummary> AddPersonAsync(string email, string name = "Someone") =>
        new AddPersonHandler(Ledger).HandleAsync(new AddPerson(email, name, "Engineering"));

    public Task<IntegrationDetails> AddIntegrationAsync(string name, string? owner = null) =>
        new AddIntegrationHandler(Ledger).HandleAsync(new AddIntegration(
            name, "Acme Sync", owner, "Moves data", null, NetworkTrust.Untrusted, ["192.0.2.0/24"],
            [new AttributionRuleSpec(AttributionRuleKind.Account, $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com")]));

    public Task<TokenSummary> AddTokenAsync(string label, string owner, string? secret = null, int? rotateEvery = 90, DateTime? lastRotated = null) =>
        new AddTokenHandler(Ledger).HandleAsync(new AddToken(
            label, TokenKind.SalesforceSecurityToken, owner, RotateEveryDays: rotateEvery,
            IssuedAt: lastRotated, LastRotatedAt: lastRotated, Secret: secret is null ? null : Secret.Parse(secret)));

    public Task<TokenDetails> UseTokenAsync(string label, string integration, string purpose = "API login") =>
        new UseTokenHandler(Ledger).HandleAsync(new UseToken(label, integration, purpose));

    /// <summary>Closes and reopens the ledger, as a new command would.</summary>
    public async Task ReopenAsync()
    {
        await Ledger.DisposeAsync();
        Ledger = await Ledger.OpenAsync(Options(Folder, Clock));
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A test that kept a file open must not fail another test's clean-up.
        }
    }
}
