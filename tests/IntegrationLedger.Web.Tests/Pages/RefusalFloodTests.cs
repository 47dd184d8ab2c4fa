using System.Net;
using System.Text.RegularExpressions;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// A flood of refused requests leaves its evidence in the audit log, counted, without one entry (and one turn
/// of the write lock) per request: the first at once, the rest as one summary when the window closes or the
/// server stops.
/// </summary>
public partial class RefusalFloodTests
{
    private const string TokenPage = $"/tokens/{WebLedger.Token}";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync(busyTimeout: TimeSpan.FromSeconds(1));

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    /// <summary>A change an auditor may not make, posted by hand: refused (403) before anything else is looked at.</summary>
    private static async Task<HttpStatusCode> RefusedPostAsync(HttpClient auditor, string page = TokenPage) =>
        (await auditor.PostAsync(page + "?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["Revoke.Reason"] = "Compromised" }))).StatusCode;

    private IReadOnlyList<string> DeniedDetails() =>
        RawSql.Column(_web.DatabasePath, "SELECT Detail FROM AccessEvents WHERE Kind = 'Denied' ORDER BY rowid");

    /// <summary>How many refusals an entry stands for: one, or the count a summary starts with.</summary>
    private static int Refusals(string detail) => SummaryCount().Match(detail) is { Success: true } summary ? int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex("^([0-9]+) more between ")]
    private static partial Regex SummaryCount();

    [Test]
    public async Task AHundredRefusedRequests_LeaveTwoEntries_WhoseCountsAddUpToAHundred_AndTheChainStillVerifies()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        var auditBefore = _web.Scalar("SELECT count(*) FROM AuditEntries");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add(await RefusedPostAsync(auditor));
            _web.Clock.Advance(TimeSpan.FromMilliseconds(15));
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(DeniedDetails(), Is.EqualTo(new[] { $"POST {TokenPage}" }), "the first is written at once");

        await _web.App.StopAsync();

        var details = DeniedDetails();
        Assert.That(details, Has.Count.EqualTo(2), "and the rest as one summary when the server stops");
        Assert.That(details[1], Does.StartWith("99 more between 2026-11-02 09:00:00 and 2026-11-02 09:00:01 UTC: requests to /tokens/"));
        Assert.That(details.Sum(Refusals), Is.EqualTo(100));
        Assert.That(_web.Scalar("SELECT count(*) FROM AuditEntries") - auditBefore, Is.EqualTo(2));
        Assert.That(_web.Text("SELECT group_concat(DISTINCT Actor) FROM AuditEntries WHERE Action = 'auth.denied'"), Is.EqualTo(WebLedger.Auditor));
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(_web.DatabasePath, "verifier", _web.Clock));
        var chain = await new VerifyAuditChainHandler(ledger).HandleAsync();
        Assert.That(chain.Holds, Is.True, chain.Problem);
    }

    [Test]
    public async Task RefusalsToPathsThatNameAnythingAtAll_AreCountedTogether_ByThePage()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);

        for (var i = 0; i < 50; i++)
            Assert.That(await RefusedPostAsync(auditor, $"/tokens/made-up-name-{i}"), Is.EqualTo(HttpStatusCode.Forbidden));
        await _web.App.StopAsync();

        var details = DeniedDetails();
        Assert.That(details, Has.Count.EqualTo(2), string.Join("\n", details));
        Assert.That(details[0], Is.EqualTo("POST /tokens/made-up-name-0"), "the first, as it was");
        Assert.That(details.Sum(Refusals), Is.EqualTo(50));
    }

    [Test]
    public async Task RefusalsAfterTheFirst_DoNotWaitForTheWriteLock_SoTheyCannotHoldUpWriters()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        var officer = await _web.SignedInAsync(WebLedger.Officer);
        Assert.That(await RefusedPostAsync(auditor), Is.EqualTo(HttpStatusCode.Forbidden));

        // Another writer holds the lock (a long import, say) while the refusals pour in; each would wait for it
        // (here up to the one-second busy timeout) if it were written.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        using (var holder = RawSql.Open(_web.DatabasePath))
        {
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
            statuses.AddRange(await Task.WhenAll(Enumerable.Range(0, 99).Select(_ => RefusedPostAsync(auditor))));
        }
        watch.Stop();

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Forbidden), "refused, not kept waiting for the lock until the ledger is busy");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "99 waits for the lock, one after another, would take 99 seconds");
        var added = await WebLedger.PostFormAsync(officer, "/people", "/people", new() { ["Add.Email"] = "gus@example.com", ["Add.Name"] = "Gus Pereira", ["Add.Department"] = "IT" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the officer's change goes through");
        Assert.That(_web.Scalar("SELECT count(*) FROM People WHERE Email = 'gus@example.com'"), Is.EqualTo(1));
    }

    [Test]
    public async Task WhenTheWindowCloses_ItsCountIsWritten_WhileTheServerRuns()
    {
        var auditor = await _web.SignedInAsync(WebLedger.Auditor);
        for (var i = 0; i < 10; i++)
            await RefusedPostAsync(auditor);

        _web.Clock.Advance(AccessEventLog.Window + Housekeeping.Every);

        for (var waited = 0; waited < 10_000 && DeniedDetails().Count < 2; waited += 10)
            await Task.Delay(10);
        var details = DeniedDetails();
        Assert.That(details, Has.Count.EqualTo(2));
        Assert.That(details[1], Does.StartWith("9 more between"));

        // A new window: the next refusal is written at once again.
        Assert.That(await RefusedPostAsync(auditor), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(DeniedDetails(), Has.Count.EqualTo(3));
    }
}
