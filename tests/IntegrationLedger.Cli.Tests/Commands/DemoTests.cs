using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

public class DemoTests
{
    [Test]
    public async Task Demo_BuildsTheSampleOrganisationThroughTheUseCases()
    {
        using var cli = new CliRunner();
        cli.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var output = Path.Combine(cli.Folder, "demo");

        var result = await cli.RunAsync(["demo", "--out", output]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Out, Does.Contain("14 people (2 departed), 6 integrations, 6 tokens, 8 token usages"));
        Assert.That(result.Out, Does.Contain("rotation overdue").And.Contain("owner departed"));
        Assert.That(result.Out, Does.Contain("Imported 21 sample exports"));
        Assert.That(result.Out, Does.Contain("matches no registered integration").And.Contain("admin.ops@example.com"));
        var database = Path.Combine(output, "ledger.db");
        var tokens = (await cli.RunAsync(["--db", database, "token", "list", "--json"])).Json;
        Assert.That(tokens.GetArrayLength(), Is.EqualTo(6));
        // orbit-bi-token was overdue for rotation until the demo's incident for Orbit Analytics reset it.
        Assert.That(tokens.EnumerateArray().Count(t => t.GetProperty("overdue").GetBoolean()), Is.Zero);
        Assert.That((await cli.RunAsync(["--db", database, "audit", "verify"])).ExitCode, Is.Zero);

        // The access exports give a finding of each access rule, and the accounts their access levels.
        var findings = (await cli.RunAsync(["--db", database, "findings", "--json"])).Json.EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToHashSet();
        Assert.That(findings, Is.SupersetOf(new[] { "integration-over-privileged", "integration-user-not-api-only", "shared-integration-account", "mfa-missing",
            "password-age", "departed-account-still-active", "access-gained", "training-lapsed" }));
        // The data-volume exports: Orbit BI Extract's unusual export, from an object it never read, and a burst of failed logins.
        Assert.That(findings, Is.SupersetOf(new[] { "volume-spike", "new-data-accessed", "login-failure-burst", "salesforce-threat-detection" }));
        Assert.That(result.Out, Does.Contain("Unusual activity (ledger --db DIR/ledger.db activity \"Orbit BI Extract\")")
            .And.Contain("1,315,073").And.Contain("first touched Contact"));
        var accounts = (await cli.RunAsync(["--db", database, "account", "list", "--integration-users", "--powerful", "--json"])).Json;
        Assert.That(accounts.EnumerateArray().Select(a => a.GetProperty("username").GetString()), Does.Contain("etl.bot@example.com"));
        var etl = await cli.RunAsync(["--db", database, "account", "show", "etl.bot@example.com"]);
        Assert.That(etl.Out, Does.Contain("Orbit_BI_Full_Access").And.Contain("gained Modify All Data"));

        // A connected app that lets any user authorise it, one whose refresh tokens never expire, and an incident run to its end.
        Assert.That(findings, Is.SupersetOf(new[] { "app-self-authorization", "app-refresh-never-expires", "app-unregistered" }));
        Assert.That(result.Out, Does.Contain("The day a vendor is breached").And.Contain("Runbook (0 of 8 step(s) left)"));
        var incident = (await cli.RunAsync(["--db", database, "incident", "show", "INC-1", "--json"])).Json;
        Assert.That(incident.GetProperty("closedAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));
        Assert.That(incident.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()), Is.All.EqualTo("done"));
        Assert.That(incident.GetProperty("scope").GetProperty("activity").GetProperty("sources").EnumerateArray()
            .Where(s => s.GetProperty("outsideAllowed").GetBoolean()).Select(s => s.GetProperty("address").GetString()), Does.Contain("203.0.113.150"));

        // The workbook of the demo's quarter holds what the demo made, up to its last moment.
        using var workbook = new ClosedXML.Excel.XLWorkbook(Path.Combine(output, "audit-2026-Q4.xlsx"));
        Assert.That(workbook.Worksheet("Tokens").RowsUsed().Count(), Is.EqualTo(7), "a header and six tokens");
        Assert.That(workbook.Worksheet("Integrations").RowsUsed().Count(), Is.EqualTo(7));
        Assert.That(workbook.Worksheet("Findings").RowsUsed().Count(), Is.GreaterThan(10));
        var apps = workbook.Worksheet("Connected apps");
        Assert.That(apps.Column(1).CellsUsed().Select(c => c.GetString()), Does.Contain("Orbit BI Extract").And.Contain("Workbench"));
        Assert.That(apps.Column(6).CellsUsed().Select(c => c.GetString()), Does.Contain("any user may self-authorise"));
        Assert.That(apps.Column(7).CellsUsed().Select(c => c.GetString()), Does.Contain("never expire"));
        var steps = workbook.Worksheet("Incidents").RowsUsed().Skip(1).ToList();
        Assert.That(steps, Has.Count.EqualTo(8), "INC-1's eight steps");
        Assert.That(steps.Select(r => r.Cell(8).GetString()), Is.All.EqualTo("done"));
        Assert.That(steps.Select(r => r.Cell(9).GetString()), Is.All.Not.Empty, "who settled each step");
        var signOff = workbook.Worksheets.Last();
        Assert.That(signOff.Name, Is.EqualTo("Sign-off"));
        Assert.That(signOff.Column(1).CellsUsed().Select(c => c.GetString()), Does.Contain("Reviewer's signature and date"));
        Assert.That(signOff.Column(2).CellsUsed().Select(c => c.GetString()), Has.Some.Matches<string>(v => System.Text.RegularExpressions.Regex.IsMatch(v, "^[0-9]+:[0-9a-f]{64}$")));
        Assert.That(workbook.Worksheet("Anomalies").Column(2).CellsUsed().Select(c => c.GetString()),
            Is.SupersetOf(new[] { "Volume spike", "Object touched for the first time", "Burst of failed logins", "Salesforce Threat Detection" }));
    }

    [Test]
    public async Task Demo_RunTwice_StartsOver()
    {
        using var cli = new CliRunner();
        var output = Path.Combine(cli.Folder, "demo");

        await cli.RunAsync(["demo", "--out", output]);
        var second = await cli.RunAsync(["demo", "--out", output]);

        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString());
        var people = (await cli.RunAsync(["--db", Path.Combine(output, "ledger.db"), "person", "list", "--json"])).Json;
        Assert.That(people.GetArrayLength(), Is.EqualTo(14));
    }
}
