using System.Text;
using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Common.Security;

public class SecretStorageTests
{
    private const string SecretValue = "hX9vQ2LmT7pR4sW8nK3bZ6cY";

    [Test]
    public async Task AddToken_WithSecret_LeavesNoCopyInTheDatabaseOrItsWal()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: SecretValue);
        await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("etl-token", Secret.Parse(SecretValue + "NEW")));

        // Read while the ledger is still open, so the write-ahead log holds the latest pages.
        var files = new[] { test.DatabasePath, test.DatabasePath + "-wal", test.DatabasePath + "-shm", test.DatabasePath + ".key" }
            .Where(File.Exists).ToList();
        Assert.That(files, Does.Contain(test.DatabasePath + "-wal"), "the test must look at the WAL too");
        foreach (var file in files)
        {
            var bytes = ReadShared(file);
            foreach (var secret in new[] { SecretValue, SecretValue + "NEW" })
            {
                Assert.That(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)), Is.EqualTo(-1), $"{Path.GetFileName(file)} contains the secret in UTF-8");
                Assert.That(IndexOf(bytes, Encoding.Unicode.GetBytes(secret)), Is.EqualTo(-1), $"{Path.GetFileName(file)} contains the secret in UTF-16");
            }
        }
        var token = await test.Ledger.Db.Tokens.AsNoTracking().SingleAsync();
        Assert.That(token.LastFour, Is.EqualTo("YNEW"));
        Assert.That(token.Fingerprint, Has.Length.EqualTo(64));
    }

    [TestCase("Zq7mK2pA", "")]
    [TestCase("Zq7mK2pAb9Xc", "Xc")]
    [TestCase(SecretValue, "Z6cY")]
    public async Task AddToken_KeepsOnlyAsMuchOfTheSecretsEndAsItsLengthAllows(string secret, string kept)
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: secret);

        var token = await test.Ledger.Db.Tokens.AsNoTracking().SingleAsync();
        Assert.That(token.LastFour, Is.EqualTo(kept));
        Assert.That(token.Fingerprint, Has.Length.EqualTo(64), "a short secret is still fingerprinted");
    }

    [Test]
    public async Task FindToken_KnowsTheSecretItWasGivenAndNoOther()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: SecretValue);
        await test.AddTokenAsync("bi-token", "ana@example.com", secret: "AnotherSecret123456");

        var found = await new FindTokenHandler(test.Ledger).HandleAsync(Secret.Parse(SecretValue + "\n"));
        var missing = await new FindTokenHandler(test.Ledger).HandleAsync(Secret.Parse("NotRegistered12345"));

        Assert.That(found?.Token.Label, Is.EqualTo("etl-token"));
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task AddToken_SameSecretTwice_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: SecretValue);

        Assert.That(async () => await test.AddTokenAsync("copy", "ana@example.com", secret: SecretValue),
            Throws.TypeOf<Domain.Common.DomainException>().With.Message.Contains("etl-token"));
    }

    [Test]
    public async Task ResetToken_ToAnotherTokensSecret_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("a", "ana@example.com", secret: SecretValue);
        await test.AddTokenAsync("b", "ana@example.com", secret: "AnotherSecret123456");

        Assert.That(async () => await new ResetTokenHandler(test.Ledger).HandleAsync(new ResetToken("b", Secret.Parse(SecretValue))),
            Throws.TypeOf<Domain.Common.DomainException>().With.Message.Contains("'a'"));
        var found = await new FindTokenHandler(test.Ledger).HandleAsync(Secret.Parse(SecretValue));
        Assert.That(found?.Token.Label, Is.EqualTo("a"));
    }

    [Test]
    public async Task Fingerprints_DependOnTheLedgersKey()
    {
        // Each made for real: copies of the tests' template share its key.
        await using var first = await TestLedger.CreateFreshAsync();
        await using var second = await TestLedger.CreateFreshAsync();

        var secret = Secret.Parse(SecretValue);

        Assert.That(first.Ledger.Key.Fingerprint(secret).Hash, Is.Not.EqualTo(second.Ledger.Key.Fingerprint(secret).Hash));
        Assert.That(first.Ledger.Key.Fingerprint(secret), Is.EqualTo(first.Ledger.Key.Fingerprint(Secret.Parse(SecretValue))));
    }

    [Test]
    public async Task Key_FromAnotherLedger_IsRefusedBeforeUse()
    {
        await using var test = await TestLedger.CreateAsync();
        var foreignKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        await using var withForeignKey = await Ledger.OpenAsync(TestLedger.Options(test.Folder, test.Clock) with { KeyFromEnvironment = foreignKey });

        Assert.That(() => withForeignKey.Key, Throws.TypeOf<LedgerUnavailableException>().With.Message.Contains("LEDGER_KEY"));
    }

    [Test]
    public async Task Key_FileMissing_SaysHowToRecover()
    {
        await using var test = await TestLedger.CreateAsync();
        File.Delete(test.DatabasePath + ".key");
        await test.ReopenAsync();

        Assert.That(() => test.Ledger.Key, Throws.TypeOf<LedgerUnavailableException>().With.Message.Contains("missing"));
    }

    [Test]
    public async Task Key_FromEnvironment_IsUsedAndNoKeyFileIsWritten()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-test-").FullName;
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        try
        {
            await using (var ledger = await Ledger.InitializeAsync(TestLedger.Options(folder, TimeProvider.System) with { KeyFromEnvironment = key }))
                Assert.That(ledger.Key.Source, Is.EqualTo(LedgerKey.EnvironmentVariable));
            Assert.That(File.Exists(Path.Combine(folder, "ledger.db.key")), Is.False);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [TestCase("")]
    [TestCase("x1Y")]
    [TestCase("two words here")]
    public void Parse_NotASingleCredential_ExplainsWithoutEchoingIt(string text)
    {
        Assert.That(() => Secret.Parse(text), Throws.TypeOf<ValidationException>()
            .With.Property(nameof(ValidationException.Errors)).Matches<IEnumerable<FluentValidation.Results.ValidationFailure>>(
                errors => errors.All(e => text.Length == 0 || !e.ErrorMessage.Contains(text, StringComparison.Ordinal))));
    }

    [Test]
    public void Secret_PrintsAsAPlaceholder()
    {
        var request = new AddToken("t", Domain.Tokens.TokenKind.ApiKey, "ana@example.com", Secret: Secret.Parse(SecretValue));

        Assert.That(request.ToString(), Does.Not.Contain(SecretValue));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
