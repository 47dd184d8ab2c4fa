using System.Globalization;
using IntegrationLedger.Application.Features.Importing.Parsing;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// ISO times with their zone, as TIMESTAMP_DERIVED and the REST API write them. The common UTC form is read
/// by a path of its own; it must agree with the general parser on every time it accepts and leave to it
/// every form it does not know.
/// </summary>
public sealed class SalesforceTimesTests
{
    [TestCase("2026-11-28T06:00:00.000Z", "2026-11-28T06:00:00.0000000Z")]
    [TestCase("2026-11-28T06:00:00Z", "2026-11-28T06:00:00.0000000Z")]
    [TestCase("2026-11-28T06:00:00.1Z", "2026-11-28T06:00:00.1000000Z")]
    [TestCase("2026-11-28T06:00:00.1234567Z", "2026-11-28T06:00:00.1234567Z")]
    [TestCase("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.9990000Z")]
    [TestCase(" 2026-11-28T06:00:00.000Z ", "2026-11-28T06:00:00.0000000Z")]
    [TestCase("2026-11-28T06:00:00.000+0000", "2026-11-28T06:00:00.0000000Z", Description = "the REST API's offset, for the general path")]
    [TestCase("2026-11-28T08:00:00.000+02:00", "2026-11-28T06:00:00.0000000Z")]
    public void TryParseIso_ReadsTheInstant(string text, string expected)
    {
        Assert.That(SalesforceTimes.TryParseIso(text, out var utc), Is.True);
        Assert.That(utc.ToString("O"), Is.EqualTo(expected));
        Assert.That(utc.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public void TryParseIso_AgreesWithTheFrameworksParser_OnManyInstants()
    {
        var random = new Random(20261204);
        for (var i = 0; i < 10_000; i++)
        {
            var instant = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerDay * 365 * 40));
            var digits = random.Next(0, 8);
            var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + new string('f', digits)), CultureInfo.InvariantCulture) + "Z";
            var expected = DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture).UtcDateTime;

            Assert.That(SalesforceTimes.TryParseIso(text, out var utc), Is.True, text);
            Assert.That(utc, Is.EqualTo(expected), text);
        }
    }

    [TestCase("2026-02-29T06:00:00.000Z", Description = "not a leap year")]
    [TestCase("2026-13-01T06:00:00.000Z")]
    [TestCase("2026-11-31T06:00:00.000Z")]
    [TestCase("2026-11-28T24:00:00.000Z")]
    [TestCase("2026-11-28T06:60:00.000Z")]
    [TestCase("2026-11-28T06:00:00.12345678Z", Description = "more digits than a tick holds")]
    [TestCase("2026-11-28T06:0a:00.000Z")]
    [TestCase("0000-11-28T06:00:00.000Z")]
    [TestCase("2026-11-28T06:00:00.000", Description = "no zone: not an instant")]
    [TestCase("2026-11-28 06:00:00")]
    [TestCase("")]
    public void TryParseIso_RefusesWhatIsNotAnInstant(string text) =>
        Assert.That(SalesforceTimes.TryParseIso(text, out _), Is.False);
}
