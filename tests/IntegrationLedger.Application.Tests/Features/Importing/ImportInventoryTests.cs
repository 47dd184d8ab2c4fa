using IntegrationLedger.Application.Features.Audit;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

public class ImportInventoryTests
{
    private static string Inventory(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "inventory", file);

    /// <summary>A ledger whose clock stands after every date in the sample templates.</summary>
    private static async Task<TestLedger> CreateAsync()
    {
        var test = await TestLedger.CreateAsync();
        test.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        return test;
    }

    private static Task<InventoryImportResult> Import(TestLedger test, string template, string path, bool dryRun = false) =>
        test.Ledger.ImportInventoryAsync(new ImportFile(template, path, DryRun: dryRun));

    private static async Task ImportAllSamplesAsync(TestLedger test)
    {
        foreach (var template in new[] { "people", "integrations", "tokens", "token-usages" })
        {
            var result = await Import(test, template, Inventory(template + ".csv"));
            Assert.That(result.Errors, Is.Empty, template);
        }
    }

    [Test]
    public async Task Import_SampleTemplates_BuildTheInventoryWithEveryChangeAudited()
    {
        await using var test = await CreateAsync();

        await ImportAllSamplesAsync(test);

        var db = test.Ledger.Db;
        Assert.That(await db.People.CountAsync(), Is.EqualTo(4));
        Assert.That((await db.People.SingleAsync(p => p.Email == "lee.park@example.com")).Status, Is.EqualTo(PersonStatus.Departed));
        var etl = await db.Integrations.Include(i => i.AttributionRules).Include(i => i.VettingRecords).SingleAsync(i => i.Name == "Nightly ETL");
        Assert.That(etl.AttributionRules, Has.Count.EqualTo(2));
        Assert.That(etl.VettingRecords.Single().NextReviewOn, Is.EqualTo(new DateOnly(2027, 2, 16)));
        var token = await db.Tokens.Include(t => t.Usages).SingleAsync(t => t.Label == "etl-token");
        Assert.That(token.LastRotatedAt, Is.EqualTo(new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(token.Usages.Single().Purpose, Is.EqualTo("API login from the ETL host"));
        Assert.That(await db.Accounts.SingleAsync(a => a.Username == "integration.sync@example.com"), Has.Property("PlatformUserId").EqualTo("005xx000001Sv7AAAS"));
        var actions = await db.AuditEntries.Select(e => e.Action).Distinct().ToListAsync();
        Assert.That(actions, Is.SupersetOf(new[] { "import.people", "import.integrations", "import.tokens", "import.token-usages" }));
        Assert.That((await new VerifyAuditChainHandler(test.Ledger).HandleAsync()).Holds, Is.True);
    }

    [Test]
    public async Task Import_SameTemplatesAgain_ChangesNothingAndAuditsNothing()
    {
        await using var test = await CreateAsync();
        await ImportAllSamplesAsync(test);
        var entries = await test.Ledger.Db.AuditEntries.CountAsync();

        var again = await Import(test, "integrations", Inventory("integrations.csv"));

        Assert.That((again.Counts.Created, again.Counts.Updated, again.Counts.Unchanged), Is.EqualTo((0L, 0L, 2L)));
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(entries));
    }

    [Test]
    public async Task Import_ChangedRow_UpdatesByNaturalKey()
    {
        await using var test = await CreateAsync();
        await ImportAllSamplesAsync(test);
        var path = Samples.Write(test, "people.csv", "email,name,department\nANA.LIMA@example.com,Ana Lima-Souza,Revenue Operations\n");

        var result = await Import(test, "people", path);

        Assert.That(result.Counts.Updated, Is.EqualTo(1));
        var ana = await test.Ledger.Db.People.SingleAsync(p => p.Email == "ana.lima@example.com");
        Assert.That((ana.Name, ana.Department), Is.EqualTo(("Ana Lima-Souza", "Revenue Operations")));
    }

    [Test]
    public async Task Import_TokensWithASecretColumn_IsRefusedWhole()
    {
        await using var test = await CreateAsync();
        await Import(test, "people", Inventory("people.csv"));
        var path = Samples.Write(test, "tokens.csv", "label,kind,owner,Security Token\netl,salesforce-security-token,ana.lima@example.com,AbCdEf123456\n");

        Assert.That(async () => await Import(test, "tokens", path),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("column Security Token").And.Message.Contains("secrets"));
        Assert.That(await test.Ledger.Db.Tokens.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_BadRows_AreEachNamedAndNothingChanges()
    {
        await using var test = await CreateAsync();
        await Import(test, "people", Inventory("people.csv"));
        var path = Samples.Write(test, "tokens.csv", string.Join("\n",
            "label,kind,owner,rotate_every_days,last_rotated",
            "good,api-key,ana.lima@example.com,90,2026-01-01",
            "bad-kind,password-ish,ana.lima@example.com,90,2026-01-01",
            "bad-owner,api-key,nobody@example.com,,",
            "bad-days,api-key,ana.lima@example.com,ninety,",
            "departed-owner,api-key,lee.park@example.com,,",
            ""));

        var result = await Import(test, "tokens", path);

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[]
        {
            (3L, "kind"), (4L, "owner"), (5L, "rotate_every_days"), (6L, "owner"),
        }));
        Assert.That(result.Errors[^1].Reason, Does.Contain("departed"));
        Assert.That(await test.Ledger.Db.Tokens.CountAsync(), Is.Zero, "the good row is not imported either");
    }

    [Test]
    public async Task Import_UsageOfARevokedToken_IsRefused()
    {
        await using var test = await CreateAsync();
        await ImportAllSamplesAsync(test);
        await new Application.Features.Tokens.RevokeTokenHandler(test.Ledger).HandleAsync(new("etl-token", RevocationReason.Unused));
        var path = Samples.Write(test, "usages.csv", "token,integration,purpose\netl-token,Acme Sync Connector,Backup login\n");

        var result = await Import(test, "token-usages", path);

        Assert.That(result.Errors.Single().Reason, Does.Contain("revoked"));
    }

    [Test]
    public async Task Import_DryRun_WritesNothing()
    {
        await using var test = await CreateAsync();

        var result = await Import(test, "people", Inventory("people.csv"), dryRun: true);

        Assert.That(result.Counts.Created, Is.EqualTo(4));
        Assert.That(await test.Ledger.Db.People.CountAsync(), Is.Zero);
    }

    [TestCase("people.csv", "people")]
    [TestCase("integrations.csv", "integrations")]
    [TestCase("tokens.csv", "tokens")]
    [TestCase("token-usages.csv", "token-usages")]
    public async Task Auto_RecognisesEachTemplate(string file, string template)
    {
        await using var test = await TestLedger.CreateAsync();

        var outcome = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(ImportFormats.Auto, Inventory(file), DryRun: true));

        Assert.That(outcome.Format, Is.EqualTo(template));
        Assert.That(outcome.FormatDetected, Is.True);
        Assert.That(outcome.Inventory, Is.Not.Null);
    }
}
