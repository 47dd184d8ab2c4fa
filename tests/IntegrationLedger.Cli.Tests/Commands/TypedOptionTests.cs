using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Dates, UTC times, counts and choices are read while the command line is parsed: a bad value exits 2 with
/// one sentence naming the option and what was typed, and the ledger is not touched.
/// </summary>
public class TypedOptionTests
{
    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = new CliRunner();
        Assert.That((await _cli.LedgerAsync("init")).ExitCode, Is.Zero);
        await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        await _cli.LedgerAsync("integration", "add", "--name", "Nightly ETL", "--owner", "ana@example.com");
        var token = await _cli.LedgerAsync("token", "add", "--label", "etl-token", "--kind", "api-key", "--owner", "ana@example.com");
        Assert.That(token.ExitCode, Is.Zero, token.ToString());
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private static readonly object[] BadValues =
    [
        new object[] { new[] { "person", "offboard", "ana@example.com", "--on", "2026-02-30" }, "--on '2026-02-30' is not a date; write it as YYYY-MM-DD." },
        new object[] { new[] { "integration", "vet", "Nightly ETL", "--reviewer", "Gus", "--outcome", "approved", "--next-review", "next year" }, "--next-review 'next year' is not a date" },
        new object[] { new[] { "token", "use", "etl-token", "--by", "Nightly ETL", "--purpose", "x", "--since", "2026-07-01T10:00:00" }, "--since '2026-07-01T10:00:00' is not a date (YYYY-MM-DD) or a time with its zone" },
        new object[] { new[] { "token", "add", "--label", "t2", "--kind", "api-key", "--owner", "ana@example.com", "--last-rotated", "2026-07-01 10:00" }, "--last-rotated '2026-07-01 10:00' is not a date (YYYY-MM-DD) or a time with its zone" },
        new object[] { new[] { "token", "add", "--label", "t2", "--kind", "api-key", "--owner", "ana@example.com", "--rotate-every", "0" }, "--rotate-every '0' is not a positive whole number." },
        new object[] { new[] { "token", "add", "--label", "t2", "--kind", "api-key", "--owner", "ana@example.com", "--rotate-every", "ninety" }, "--rotate-every 'ninety' is not a positive whole number." },
        new object[] { new[] { "token", "revoke", "etl-token", "--reason", "stolen" }, "--reason 'stolen' is not one of compromised, offboarding, unused, other." },
        new object[] { new[] { "integration", "vet", "Nightly ETL", "--reviewer", "Gus", "--outcome", "maybe" }, "--outcome 'maybe' is not one of approved, approved-with-conditions, rejected." },
        new object[] { new[] { "integration", "add", "--name", "Other", "--network", "sometimes" }, "--network 'sometimes' is not one of trusted, untrusted." },
        new object[] { new[] { "token", "add", "--label", "t2", "--kind", "password-ish", "--owner", "ana@example.com" }, "--kind 'password-ish' is not one of salesforce-security-token," },
        new object[] { new[] { "review", "start", "--quarter", "2026-Q5" }, "--quarter '2026-Q5' is not a quarter; write it as 2026-Q4." },
    ];

    [TestCaseSource(nameof(BadValues))]
    public async Task BadValue_ExitsTwoNamingTheOptionAndTheValue_AndChangesNothing(string[] args, string message)
    {
        var entriesBefore = (await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength();

        var result = await _cli.LedgerAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Out, Is.Empty);
        Assert.That((await _cli.LedgerAsync("audit", "log", "--json")).Json.GetArrayLength(), Is.EqualTo(entriesBefore));
    }

    [Test]
    public async Task BadValues_LeaveThePersonAndTheTokenAsTheyWere()
    {
        await _cli.LedgerAsync("person", "offboard", "ana@example.com", "--on", "30/09/2026");
        await _cli.LedgerAsync("token", "revoke", "etl-token", "--reason", "lost");

        var person = (await _cli.LedgerAsync("person", "show", "ana@example.com", "--json")).Json;
        var tokens = (await _cli.LedgerAsync("token", "list", "--json")).Json;
        Assert.That(person.ToString(), Does.Contain("\"active\""));
        Assert.That(tokens.GetArrayLength(), Is.EqualTo(1));
        Assert.That(tokens[0].GetProperty("status").GetString(), Is.EqualTo("active"));
    }

    [Test]
    public async Task BadValue_IsRefusedBeforeAnyLedgerIsOpened()
    {
        using var empty = new CliRunner();

        var result = await empty.LedgerAsync("audit", "log", "--since", "yesterday");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("--since 'yesterday'"));
        Assert.That(File.Exists(empty.DatabasePath), Is.False);
    }

    [Test]
    public async Task TypedValues_ArriveConverted()
    {
        var vet = await _cli.LedgerAsync("integration", "vet", "Nightly ETL", "--reviewer", "Gus", "--outcome", "approved-with-conditions", "--on", "2026-06-01", "--next-review", "2026-12-01");
        var added = await _cli.LedgerAsync("token", "add", "--label", "t2", "--kind", "oauth-refresh-token", "--owner", "ana@example.com",
            "--issued", "2026-06-01T12:00:00+02:00", "--rotate-every", "45", "--json");
        var revoked = await _cli.LedgerAsync("token", "revoke", "t2", "--reason", "compromised");

        Assert.That(vet.ExitCode, Is.Zero, vet.ToString());
        Assert.That(vet.Out, Does.Contain("on 2026-06-01: approved-with-conditions"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(added.Json.GetProperty("kind").GetString(), Is.EqualTo("oauth-refresh-token"));
        Assert.That(added.Json.GetProperty("lastRotatedAt").GetDateTime(), Is.EqualTo(new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc)));
        Assert.That(added.Json.GetProperty("rotationDays").GetInt32(), Is.EqualTo(45));
        Assert.That(revoked.ExitCode, Is.Zero, revoked.ToString());
        Assert.That(revoked.Out, Does.Contain("(compromised)"));
    }

    [TestCase(new[] { "token", "revoke" }, "--reason <compromised|offboarding|unused|other>")]
    [TestCase(new[] { "integration", "vet" }, "--outcome <approved|approved-with-conditions|rejected>")]
    [TestCase(new[] { "integration", "add" }, "--network <trusted|untrusted>")]
    [TestCase(new[] { "export" }, "--format <csv|json>")]
    [TestCase(new[] { "user", "add" }, "--role <admin|officer|auditor>")]
    [TestCase(new[] { "token", "add" }, "--kind <KIND> (REQUIRED)")]
    [TestCase(new[] { "token", "add" }, "What kind of credential it is: salesforce-security-token, oauth-refresh-token, api-key, personal-access-token, integration-password, certificate")]
    public async Task Help_ListsAChoiceOptionsChoices(string[] command, string shown)
    {
        var result = await _cli.RunAsync([.. command, "--help"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain(shown));
    }
}
