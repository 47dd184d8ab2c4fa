using IntegrationLedger.Domain.Tokens;

namespace IntegrationLedger.Domain.Tests.Tokens;

public class SecretEndingTests
{
    [TestCase(8, 0)]
    [TestCase(11, 0)]
    [TestCase(12, 2)]
    [TestCase(15, 2)]
    [TestCase(16, 4)]
    [TestCase(24, 4)]
    [TestCase(500, 4)]
    public void LengthShown_GrowsWithTheSecretUpToFour(int secretLength, int shown) =>
        Assert.That(SecretEnding.LengthShown(secretLength), Is.EqualTo(shown));

    [Test]
    public void LengthShown_AlwaysLeavesAtLeastTenCharactersUnknown()
    {
        for (var length = 1; length <= 64; length++)
        {
            var shown = SecretEnding.LengthShown(length);
            Assert.That(shown == 0 || length - shown >= 10, Is.True, $"a {length}-character secret shows {shown}");
        }
    }

    [TestCase("Zq7mK2pA", "")]
    [TestCase("Zq7mK2pAb9Xc", "Xc")]
    [TestCase("hX9vQ2LmT7pR4sW8nK3bZ6cY", "Z6cY")]
    public void Of_KeepsOnlyTheEndTheRuleAllows(string secret, string expected) =>
        Assert.That(SecretEnding.Of(secret), Is.EqualTo(expected));
}
