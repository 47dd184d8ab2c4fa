using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Tests.Accounts;

public class SalesforceIdTests
{
    // Pairs taken from the USER_ID and USER_ID_DERIVED columns of the Event Monitoring samples.
    [TestCase("005xx000001Sv7A", "005xx000001Sv7AAAS")]
    [TestCase("005xx000001Sv8Q", "005xx000001Sv8QAAS")]
    [TestCase("005xx000001Uq9k", "005xx000001Uq9kAAC")]
    [TestCase("005xx000001Tb2c", "005xx000001Tb2cAAC")]
    [TestCase("0H4xx0000004Cmd", "0H4xx0000004CmdCAE")]
    public void Normalize_FifteenCharacterId_AddsChecksumSuffix(string id15, string id18)
    {
        Assert.That(SalesforceId.Normalize(id15), Is.EqualTo(id18));
    }

    [Test]
    public void Normalize_EighteenCharacterIdWithLowerCaseSuffix_ReturnsCanonicalForm()
    {
        Assert.That(SalesforceId.Normalize("005xx000001Sv7Aaas"), Is.EqualTo("005xx000001Sv7AAAS"));
    }

    [TestCase("005XX000001SV8QAAS", "005xx000001Sv8QAAS")]
    [TestCase("005xx000001sv8qaas", "005xx000001Sv8QAAS")]
    public void Normalize_EighteenCharacterIdInOneCase_RestoresTheCaseFromItsSuffix(string mangled, string expected)
    {
        Assert.That(SalesforceId.Normalize(mangled), Is.EqualTo(expected));
    }

    [TestCase("005xx000001Sv7AAAA", Description = "wrong checksum")]
    [TestCase("005xx000001Sv7", Description = "14 characters")]
    [TestCase("005xx000001Sv7AA", Description = "16 characters")]
    [TestCase("005xx-00001Sv7A", Description = "not alphanumeric")]
    public void Normalize_NotAnId_ThrowsNamingTheValue(string id)
    {
        Assert.That(() => SalesforceId.Normalize(id), Throws.TypeOf<DomainException>().With.Message.Contains(id));
    }
}
