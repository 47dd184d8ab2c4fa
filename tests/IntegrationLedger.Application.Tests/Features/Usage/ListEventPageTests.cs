using IntegrationLedger.Application.Common.Lists;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Usage;
using IntegrationLedger.Application.Tests.Support;

namespace IntegrationLedger.Application.Tests.Features.Usage;

/// <summary>The events page's query: each filter, the newest-first order, and the names joined in after the page is cut.</summary>
public class ListEventPageTests
{
    private static async Task<TestLedger> LedgerWithEventsAsync()
    {
        var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");
        var file = Path.Combine(test.Folder, "logins.csv");
        await File.WriteAllTextAsync(file,
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n" +
            "Login,20260601000000.000,r1,005xx000001Sv7A,nightly.etl@example.com,10.1.2.3,LOGIN_NO_ERROR\n" +
            "Login,20260601010000.000,r2,005xx000001Sv7A,nightly.etl@example.com,10.1.2.30,LOGIN_ERROR_INVALID_PASSWORD\n" +
            "Login,20260601020000.000,r3,005xx000001Sv7B,someone@example.com,10.10.0.1,LOGIN_NO_ERROR\n" +
            "Login,20260601030000.000,r4,005xx000001Sv7B,someone@example.com,192.0.2.1,LOGIN_NO_ERROR\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", file));
        return test;
    }

    private static async Task<IReadOnlyList<string?>> AddressesAsync(TestLedger test, ListEventPage request) =>
        (await new ListEventPageHandler(test.Ledger).PageAsync(request)).Items.Select(e => e.SourceIp).ToList();

    [Test]
    public async Task AnAddressEndingInADot_IsTheStartOfAnAddress_AnyOtherIsTheAddressItself()
    {
        await using var test = await LedgerWithEventsAsync();

        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, SourceAddress: "10.1.")), Is.EqualTo(new[] { "10.1.2.30", "10.1.2.3" }));
        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, SourceAddress: "10.1.2.3")), Is.EqualTo(new[] { "10.1.2.3" }));
        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, SourceAddress: "10.")), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Integration_ByNameInAnyCase_Outcome_AndTime_Combine_NewestFirst()
    {
        await using var test = await LedgerWithEventsAsync();
        var june1 = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

        var page = await new ListEventPageHandler(test.Ledger).PageAsync(new(ListQuery.FirstPage, Integration: "NIGHTLY etl"));
        Assert.That(page.Items.Select(e => (e.SourceIp, e.Integration, e.Succeeded)), Is.EqualTo(new[] { ("10.1.2.30", "Nightly ETL", false), ((string?)"10.1.2.3", (string?)"Nightly ETL", (bool?)true) }));
        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, Outcome: EventOutcome.Succeeded, From: june1.AddHours(1), To: june1.AddHours(3))), Is.EqualTo(new[] { "10.10.0.1" }), "from included, to excluded");
        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, Integration: "No such integration")), Is.Empty);
        Assert.That(await AddressesAsync(test, new(ListQuery.FirstPage, Account: "SOMEONE@example.com")), Is.EqualTo(new[] { "192.0.2.1", "10.10.0.1" }));
    }
}
