using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Audit.Readable;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationLedger.Application.Tests.Features.Audit;

public partial class ReadableChangeTests
{
    private const string TokenSecret = "S3cret-Token-Value-0042";
    private const string UserPassword = "correct horse battery staple";

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    private static async Task<IReadOnlyList<ReadableChange>> DescribeAllAsync(TestLedger test)
    {
        var entries = await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog());
        return await new DescribeChangesHandler(test.Ledger).HandleAsync(entries);
    }

    private static string Everything(IEnumerable<ReadableChange> changes) =>
        string.Join("\n", changes.Select(c => $"{c.Actor} {c.ActionText} {c.Noun} {c.EntityName}: {c.FieldsText}"));

    private static async Task<TestLedger> LedgerWithATokenInUseAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: TokenSecret, rotateEvery: 30);
        await test.UseTokenAsync("etl-token", "Nightly ETL", "API login from the ETL host");
        return test;
    }

    [Test]
    public async Task ANewToken_IsNamedByItsLabel_WithItsOwnerByName_AndNoIdAnywhere()
    {
        await using var test = await LedgerWithATokenInUseAsync();

        var changes = await DescribeAllAsync(test);

        var added = changes.Single(c => c.Action == "token.add" && c.EntityType == nameof(Token));
        Assert.That((added.ActionText, added.Noun, added.EntityName, added.Kind), Is.EqualTo(("registered a token", "token", "etl-token", ChangeKind.Created)));
        Assert.That(added.Fields.Select(f => f.Text), Does.Contain("owner: Ana Lima (ana@example.com)"));
        Assert.That(added.Fields.Select(f => f.Text), Does.Contain("rotation policy (days): 30"));
        Assert.That(added.Fields.Select(f => f.Text), Does.Contain("rotation due: 2026-07-31"));
        var use = changes.Single(c => c.Action == "token.use");
        Assert.That((use.Noun, use.EntityName), Is.EqualTo(("token use", "etl-token in Nightly ETL")));
        Assert.That(use.Fields.Select(f => f.Text), Does.Contain("purpose: API login from the ETL host"));
        Assert.That(Guid().IsMatch(Everything(changes)), Is.False, Everything(changes));
    }

    [Test]
    public async Task ARevocation_ShowsWhatChanged_BeforeAndAfter_AndOnlyThat()
    {
        await using var test = await LedgerWithATokenInUseAsync();
        test.Clock.Advance(TimeSpan.FromDays(2));

        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("etl-token", RevocationReason.Compromised, "Leaked in a ticket"));

        var changes = await DescribeAllAsync(test);
        var revoked = changes.Single(c => c.Action == "token.revoke" && c.EntityType == nameof(Token));
        Assert.That((revoked.ActionText, revoked.EntityName, revoked.Kind), Is.EqualTo(("revoked a token", "etl-token", ChangeKind.Changed)));
        Assert.That(revoked.Fields.Select(f => f.Text), Is.EquivalentTo(new[]
        {
            "status: active → revoked", "revoked: (none) → 2026-07-03 09:00 UTC", "revocation reason: (none) → compromised",
            "revocation note: (none) → Leaked in a ticket",
        }));
        var ended = changes.Single(c => c.Action == "token.revoke" && c.EntityType == nameof(TokenUsage));
        Assert.That(ended.EntityName, Is.EqualTo("etl-token in Nightly ETL"));
        Assert.That(ended.Fields.Select(f => f.Text), Does.Contain("state: current → ended"));
    }

    [Test]
    public async Task AReset_ShowsTheNewRotationDueAndTheSecretsEnd_NotTheFingerprint()
    {
        await using var test = await LedgerWithATokenInUseAsync();
        test.Clock.Advance(TimeSpan.FromDays(10));

        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Application.Common.Security.Secret.Parse("Second-Token-Value-0099")));

        var reset = (await DescribeAllAsync(test)).Single(c => c.Action == "token.reset" && c.EntityType == nameof(Token));
        Assert.That(reset.Fields.Select(f => f.Text), Is.EquivalentTo(new[]
        {
            "secret: fingerprinted (ends …0042) → fingerprinted (ends …0099)", "last rotated: 2026-07-01 09:00 UTC → 2026-07-11 09:00 UTC",
            "rotation due: 2026-07-31 → 2026-08-10",
        }));
        var fingerprint = test.ScalarRawText("SELECT Fingerprint FROM Tokens");
        Assert.That(reset.FieldsText, Does.Not.Contain(fingerprint!).And.Not.Contain("changed)"));
    }

    [Test]
    public async Task InternalColumns_AreLeftOut()
    {
        await using var test = await LedgerWithATokenInUseAsync();
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("auditor@example.com", UserRole.Auditor, UserPassword));

        var changes = await DescribeAllAsync(test);

        var labels = changes.SelectMany(c => c.Fields).Select(f => f.Field).Distinct().ToList();
        Assert.That(labels, Is.Not.Empty);
        foreach (var internalColumn in new[] { "id", "hash", "fingerprint", "stamp", "digest", "sha", "created" })
            Assert.That(labels.Where(l => l.Contains(internalColumn, StringComparison.OrdinalIgnoreCase)), Is.Empty, internalColumn);
        var user = changes.Single(c => c.Action == "user.add");
        Assert.That(user.Fields.Select(f => f.Text), Is.EquivalentTo(new[] { "email: auditor@example.com", "role: auditor", "password: set" }));
    }

    [Test]
    public async Task NoSecret_EverReachesADescription()
    {
        await using var test = await LedgerWithATokenInUseAsync();
        await new AddUserHandler(test.Ledger).HandleAsync(new AddUser("auditor@example.com", UserRole.Auditor, UserPassword));
        await new SetUserPasswordHandler(test.Ledger).HandleAsync(new SetUserPassword("auditor@example.com", "another long passphrase"));

        var changes = await DescribeAllAsync(test);

        var text = Everything(changes) + JsonSerializer.Serialize(changes);
        var stored = new[]
        {
            test.ScalarRawText("SELECT Fingerprint FROM Tokens")!, test.ScalarRawText("SELECT PasswordHash FROM Users")!,
            test.ScalarRawText("SELECT SecurityStamp FROM Users")!, test.ScalarRawText("SELECT Value FROM Settings WHERE Name = 'ledger.key-check'")!,
        };
        foreach (var secret in new[] { TokenSecret, UserPassword, "another long passphrase" }.Concat(stored))
            Assert.That(text, Does.Not.Contain(secret));
        Assert.That(changes.Single(c => c.Action == "user.password").Fields.Select(f => f.Text), Is.EqualTo(new[] { "password: changed" }));
    }

    [Test]
    public async Task ARemovedRecord_IsNamedFromTheLog()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("gone@example.com", "Gone Person");
        await new OffboardPersonHandler(test.Ledger).HandleAsync(new OffboardPerson("gone@example.com", new DateOnly(2026, 7, 1)));
        // Nothing in the ledger removes people yet; a change that does is audited like any other.
        await using (var change = await test.Ledger.BeginChangeAsync("person.remove"))
        {
            test.Ledger.Db.People.Remove(await test.Ledger.Db.People.SingleAsync());
            await change.CommitAsync();
        }

        var changes = await DescribeAllAsync(test);

        Assert.That(test.ScalarRaw("SELECT count(*) FROM People"), Is.Zero);
        var offboarded = changes.Single(c => c.Action == "person.offboard");
        Assert.That((offboarded.EntityName, offboarded.EntityStillExists), Is.EqualTo(("Gone Person (gone@example.com)", false)),
            "the offboarding entry holds only the status and date: the name comes from the person's earlier entries");
        Assert.That(offboarded.Fields.Select(f => f.Text), Does.Contain("status: active → departed"));
        var removed = changes.Single(c => c.Action == "person.remove");
        Assert.That((removed.EntityName, removed.Kind, removed.ActionText), Is.EqualTo(("Gone Person (gone@example.com)", ChangeKind.Removed, "person remove")));
        Assert.That(removed.Fields.Select(f => f.Text), Does.Contain("departed on: 2026-07-01"));
    }

    [Test]
    public async Task APageOfEntries_IsNamedWithTheSameFewQueries_WhateverItsLength()
    {
        await using var test = await TestLedger.CreateAsync();
        // Listening from the start: EF Core caches for a moment (LoggingConfigCacheTime) whether anyone listens,
        // so a listener added just before the count could miss its first commands.
        using var counter = new CommandCounter(test.Ledger.Db);
        counter.Listen();
        await test.AddPersonAsync("ana@example.com", "Ana Lima");
        for (var i = 0; i < 40; i++)
        {
            await test.AddIntegrationAsync($"Integration {i:00}", "ana@example.com");
            await test.AddTokenAsync($"token-{i:00}", "ana@example.com");
            await test.UseTokenAsync($"token-{i:00}", $"Integration {i:00}");
        }
        var uses = (await new ListAuditLogHandler(test.Ledger).HandleAsync(new ListAuditLog())).Where(e => e.Action == "token.use").ToList();

        var (few, fewQueries) = await CountingQueriesAsync(counter, () => new DescribeChangesHandler(test.Ledger).HandleAsync(uses.Take(2).ToList()));
        var (many, manyQueries) = await CountingQueriesAsync(counter, () => new DescribeChangesHandler(test.Ledger).HandleAsync(uses));

        Assert.That(many.Select(c => c.EntityName), Is.EqualTo(Enumerable.Range(0, 40).Select(i => $"token-{i:00} in Integration {i:00}")));
        Assert.That(few, Has.Count.EqualTo(2));
        Assert.That(manyQueries, Is.EqualTo(fewQueries).And.LessThanOrEqualTo(4), "the uses, then their tokens, integrations and people");
    }

    [Test]
    public async Task History_OfAToken_HoldsItsOwnAndItsUsesChanges_NewestFirst_AndIsBounded()
    {
        await using var test = await LedgerWithATokenInUseAsync();
        for (var i = 0; i < 12; i++)
        {
            test.Clock.Advance(TimeSpan.FromDays(1));
            await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token"));
            await new ConfirmTokenUpdateHandler(test.Ledger).HandleAsync(new ConfirmTokenUpdate("etl-token", "Nightly ETL"));
        }
        await test.AddTokenAsync("other-token", "ana@example.com");

        var history = await new ShowHistoryHandler(test.Ledger).HandleAsync(new ShowHistory(HistorySubject.Token, "etl-token"));

        Assert.That(history.Total, Is.EqualTo(2 + 12 * 3), "added and used, then twelve resets (the token and its use) and confirmations");
        Assert.That(history.Latest, Has.Count.EqualTo(ShowHistory.DefaultLatest));
        Assert.That(history.Latest.Select(c => c.Sequence), Is.Ordered.Descending);
        Assert.That(history.Latest[0].ActionText, Is.EqualTo("confirmed an integration has a token's new value"));
        Assert.That(history.Latest.Select(c => c.EntityName).Distinct(), Is.EquivalentTo(new[] { "etl-token", "etl-token in Nightly ETL" }));
        Assert.That((history.EntityType, history.EntityId), Is.EqualTo((nameof(Token), test.ScalarRawText("SELECT lower(Id) FROM Tokens WHERE Label = 'etl-token'"))));
    }

    /// <summary>Runs <paramref name="action"/> and counts the SQL commands the counter's ledger executed meanwhile.</summary>
    private static async Task<(T Result, int Queries)> CountingQueriesAsync<T>(CommandCounter counter, Func<Task<T>> action)
    {
        var before = counter.Count;
        var result = await action();
        return (result, counter.Count - before);
    }

    /// <summary>Counts the commands EF Core reports executing for one context, through its diagnostic events.</summary>
    private sealed class CommandCounter(DbContext db) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public int Count => _count;

        public void Listen()
        {
            var subscription = DiagnosticListener.AllListeners.Subscribe(this);
            lock (_gate)
                _subscriptions.Add(subscription);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                foreach (var subscription in _subscriptions)
                    subscription.Dispose();
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name != DbLoggerCategory.Name)
                return;
            // Other tests' contexts create listeners on other threads meanwhile.
            var subscription = listener.Subscribe(this);
            lock (_gate)
                _subscriptions.Add(subscription);
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && data.Context == db)
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
