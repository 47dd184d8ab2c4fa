using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;

namespace IntegrationLedger.Application.Tests.Common.Lists;

/// <summary>The shared list machinery: what an address can ask for, and pages counted by the database.</summary>
public class ListQueryTests
{
    [TestCase(0, 25, 1, 25)]
    [TestCase(-3, 50, 1, 50)]
    [TestCase(4, 100, 4, 100)]
    [TestCase(2, 10_000, 2, 25)]
    public void PageAndSize_OutOfRange_FallBackToTheFirstPageAndTheDefaultSize(int page, int size, int expectedPage, int expectedSize)
    {
        var query = new ListQuery(page: page, pageSize: size);
        Assert.That((query.Page, query.PageSize), Is.EqualTo((expectedPage, expectedSize)));
    }

    [Test]
    public void Search_IsTrimmed_BlankIsNone_AndALongOneIsCut()
    {
        Assert.That(new ListQuery("  etl ").Search, Is.EqualTo("etl"));
        Assert.That(new ListQuery("   ").Search, Is.Null);
        Assert.That(new ListQuery(new string('x', 5000)).Search, Has.Length.EqualTo(ListQuery.LongestSearch));
    }

    [TestCase("50%", @"%50\%%")]
    [TestCase("a_b", @"%a\_b%")]
    [TestCase(@"c:\x", @"%c:\\x%")]
    public void Containing_EscapesTheLikeWildcards(string text, string pattern) =>
        Assert.That(ListQueries.Containing(text), Is.EqualTo(pattern));

    [Test]
    public async Task APagePastTheEnd_ShowsTheLastPage_AndAnUnknownSortKeyTheDefaultOrder()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        foreach (var label in new[] { "c", "a", "b" })
            await test.AddTokenAsync(label, "ana@example.com");

        var page = await new ListTokenPageHandler(test.Ledger).PageAsync(new ListTokenPage(new ListQuery(sort: "no-such-column", page: 9)));

        Assert.That((page.Page, page.Total, page.PageCount, page.FirstShown, page.LastShown, page.Sort), Is.EqualTo((1, 3, 1, 1, 3, "label")));
        Assert.That(page.Items.Select(t => t.Label), Is.EqualTo(new[] { "a", "b", "c" }));
    }
}
