using System.Net;
using IntegrationLedger.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>Registering a token with its secret, its reset plan, running the rules, and a ledger kept busy.</summary>
public class TokenPagesTests
{
    [Test]
    public async Task Officer_RegistersATokenWithASecret_WhichIsFingerprintedAndNeverKept()
    {
        await using var web = await WebLedger.StartAsync();
        var client = await web.SignedInAsync(WebLedger.Officer);
        const string secret = "brand-new-secret-value-7777";

        await WebLedger.PostFormAsync(client, "/tokens", "/tokens", new()
        {
            ["Add.Label"] = "crm-key", ["Add.Kind"] = "ApiKey", ["Add.Owner"] = "ana@example.com", ["Add.Account"] = "", ["Add.Secret"] = secret,
        });
        var page = await client.GetStringAsync("/tokens");

        Assert.That(page, Does.Contain("Registered crm-key, fingerprinted (ends …7777)."));
        Assert.That(page, Does.Not.Contain(secret));
        Assert.That(File.ReadAllBytes(web.DatabasePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1));
        Assert.That(web.Text("SELECT Actor FROM AuditEntries WHERE Action = 'token.add' ORDER BY Sequence DESC LIMIT 1"), Is.EqualTo(WebLedger.Officer));
    }

    [Test]
    public async Task TokenPage_ShowsTheResetPlan()
    {
        await using var web = await WebLedger.StartAsync();
        var client = await web.SignedInAsync(WebLedger.Officer);
        var tokenPage = $"/tokens/{WebLedger.Token}";
        await WebLedger.PostFormAsync(client, tokenPage, tokenPage + "?handler=Use", new() { ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "Nightly export" });

        var page = await client.GetStringAsync(tokenPage);

        Assert.That(page, Does.Contain("A reset means updating each of these").And.Contain("Nightly ETL (").And.Contain("owner Ana Lima &lt;ana@example.com&gt;"));
    }

    [Test]
    public async Task Officer_RunsTheRules_AndAuditorCannot()
    {
        await using var web = await WebLedger.StartAsync();
        var officer = await web.SignedInAsync(WebLedger.Officer);
        var auditor = await web.SignedInAsync(WebLedger.Auditor);

        await WebLedger.PostFormAsync(officer, "/findings", "/findings?handler=Run", []);
        var refused = await WebLedger.PostFormAsync(auditor, "/findings", "/findings?handler=Run", []);

        Assert.That(await officer.GetStringAsync("/findings"), Does.Contain("The rules ran:"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(web.Scalar("SELECT count(*) FROM AuditEntries WHERE Action = 'findings.run'"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task AChangeKeptWaitingPastTheTimeout_SaysTheLedgerIsBusy_AndChangesNothing()
    {
        await using var web = await WebLedger.StartAsync(busyTimeout: TimeSpan.FromSeconds(1));
        var client = await web.SignedInAsync(WebLedger.Officer);
        var tokenPage = $"/tokens/{WebLedger.Token}";

        HttpResponseMessage response;
        using (var holder = new SqliteConnection($"Data Source={web.DatabasePath};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
            response = await WebLedger.PostFormAsync(client, tokenPage, tokenPage + "?handler=Use", new() { ["Use.Integration"] = WebLedger.Integration, ["Use.Purpose"] = "x" });
        }

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The ledger is busy").And.Not.Contain("   at "));
        Assert.That(web.Scalar("SELECT count(*) FROM TokenUsages"), Is.Zero);
    }
}
