using IntegrationLedger.Application.Features.Search;
using IntegrationLedger.Application.Tests.Support;

namespace IntegrationLedger.Application.Tests.Features.Search;

public class SearchLedgerTests
{
    [Test]
    public async Task FindsEachKindByPartOfItsName_StartingWithTheTextFirst_AndCountsTheRest()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("etl.owner@example.com", "Ana Lima");
        await test.AddPersonAsync("ben@example.com", "Ben Etlund");
        await test.AddIntegrationAsync("Nightly ETL", "ben@example.com");
        for (var i = 0; i < 25; i++)
            await test.AddTokenAsync($"warehouse-etl-{i:D2}", "ben@example.com");
        await test.AddTokenAsync("etl-token", "ben@example.com");

        var found = await new SearchLedgerHandler(test.Ledger).HandleAsync(new SearchLedger(" ETL "));

        Assert.That(found.Text, Is.EqualTo("ETL"));
        Assert.That(found.Tokens.Total, Is.EqualTo(26));
        Assert.That(found.Tokens.Hits, Has.Count.EqualTo(SearchLedger.ShownPerKind));
        Assert.That(found.Tokens.Hits[0], Is.EqualTo(new SearchHit("etl-token", "ben@example.com")), "the label that starts with the text first");
        Assert.That(found.Integrations.Hits.Select(h => h.Key), Is.EqualTo(new[] { "Nightly ETL" }));
        Assert.That(found.People.Hits.Select(h => h.Key), Is.EqualTo(new[] { "etl.owner@example.com", "ben@example.com" }), "by email or by name, the email's start first");
    }

    [Test]
    public async Task ABlankSearch_FindsNothing_AndAWildcardIsTakenLiterally()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com");
        var handler = new SearchLedgerHandler(test.Ledger);

        Assert.That((await handler.HandleAsync(new SearchLedger("   "))).Total, Is.Zero);
        Assert.That((await handler.HandleAsync(new SearchLedger("%"))).Total, Is.Zero);
        Assert.That((await handler.HandleAsync(new SearchLedger("etl_token"))).Total, Is.Zero);
    }
}
