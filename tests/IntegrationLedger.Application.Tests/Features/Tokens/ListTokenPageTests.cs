using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Tokens;

/// <summary>The token list's page and its export, computed by the database: rotation due dates, counts, filters and order.</summary>
public class ListTokenPageTests
{
    [Test]
    public async Task RotationDue_ComputedInSql_IsTheDomainsDueDate_ForEveryKindWithAndWithoutAPolicy()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        var rotated = TestLedger.Start.UtcDateTime.AddDays(-20).AddHours(3);
        foreach (var kind in Enum.GetValues<TokenKind>())
        {
            foreach (var policy in new int?[] { null, 45 })
            {
                await new AddTokenHandler(test.Ledger).HandleAsync(new AddToken(
                    $"{KebabCase.Of(kind)}-{policy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}", kind, "ana@example.com", RotateEveryDays: policy, IssuedAt: rotated, LastRotatedAt: rotated));
            }
        }
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("api-key-45", RevocationReason.Unused));

        var rows = (await new ListTokenPageHandler(test.Ledger).PageAsync(new ListTokenPage(new ListQuery(pageSize: 100)))).Items;
        var tokens = await test.Ledger.Db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Label);

        Assert.That(rows, Has.Count.EqualTo(tokens.Count));
        foreach (var row in rows)
        {
            var token = tokens[row.Label];
            Assert.That(row.RotationDays, Is.EqualTo(token.EffectiveRotationDays), row.Label);
            Assert.That(row.RotationDueAt, Is.EqualTo(token.IsActive ? token.RotationDueAt : null), row.Label);
        }
    }

    [Test]
    public async Task DueWithin_CountsTheOverdueToo_AndLeavesOutRevokedTokens()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        var now = TestLedger.Start.UtcDateTime;
        await test.AddTokenAsync("overdue", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-100));
        await test.AddTokenAsync("due-in-5-days", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-85));
        await test.AddTokenAsync("due-in-40-days", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-50));
        await test.AddTokenAsync("revoked-overdue", "ana@example.com", rotateEvery: 90, lastRotated: now.AddDays(-100));
        await new RevokeTokenHandler(test.Ledger).HandleAsync(new RevokeToken("revoked-overdue", RevocationReason.Unused));
        var handler = new ListTokenPageHandler(test.Ledger);

        async Task<IEnumerable<string>> Labels(TokenDue due, int? within = null) =>
            (await handler.PageAsync(new ListTokenPage(ListQuery.FirstPage, Due: due, WithinDays: within))).Items.Select(t => t.Label);

        Assert.That(await Labels(TokenDue.Overdue), Is.EqualTo(new[] { "overdue" }));
        Assert.That(await Labels(TokenDue.Within, 10), Is.EqualTo(new[] { "due-in-5-days", "overdue" }));
        Assert.That(await Labels(TokenDue.Within), Is.EqualTo(new[] { "due-in-5-days", "overdue" }), "30 days when no number is given");
        Assert.That(await Labels(TokenDue.Within, 60), Is.EqualTo(new[] { "due-in-40-days", "due-in-5-days", "overdue" }));
    }

    [Test]
    public async Task UsedByAndWaiting_CountTheUsagesInEffect_AndAResetMakesThemWait()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        await test.AddIntegrationAsync("Backfill", "ana@example.com");
        await test.AddTokenAsync("shared", "ana@example.com");
        await test.AddTokenAsync("alone", "ana@example.com");
        await test.UseTokenAsync("shared", "Nightly ETL");
        await test.UseTokenAsync("shared", "Backfill");
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("shared"));
        var handler = new ListTokenPageHandler(test.Ledger);

        var byUse = await handler.PageAsync(new ListTokenPage(new ListQuery(sort: "used-by")));
        var waiting = await handler.PageAsync(new ListTokenPage(ListQuery.FirstPage, WaitingOnly: true));

        Assert.That(byUse.Items.Select(t => (t.Label, t.InUseBy, t.PendingUpdates)), Is.EqualTo(new[] { ("shared", 2, 2), ("alone", 0, 0) }), "most used first");
        Assert.That(waiting.Items.Select(t => t.Label), Is.EqualTo(new[] { "shared" }));
    }

    [Test]
    public async Task Export_StreamsEveryMatchingRow_InTheListsOrder()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        for (var i = 0; i < 30; i++)
            await test.AddTokenAsync($"token-{i:D2}", "ana@example.com");
        var request = new ListTokenPage(new ListQuery(search: "TOKEN-1", descending: true, page: 2));

        var export = new ListTokenPageHandler(test.Ledger).Export(request);
        var labels = new List<string>();
        await foreach (var row in export.Rows)
            labels.Add((string)row[0]!);

        Assert.That(export.Columns[0], Is.EqualTo("label"));
        Assert.That(labels, Is.EqualTo(Enumerable.Range(10, 10).Reverse().Select(i => $"token-{i}")), "every match, not the page asked for");
    }
}
