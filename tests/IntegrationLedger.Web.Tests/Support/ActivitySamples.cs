using System.Globalization;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// A month of an integration's activity, imported as an officer would import it: Event Monitoring RestApi and
/// Login files generated here and given to the import use case. The web ledger's <see cref="WebLedger.Integration"/>
/// is recognised by <see cref="SyncUser"/>; for thirty days before <see cref="SpikeDay"/> it read about
/// <see cref="HabitRows"/> rows of Account a day, and on <see cref="SpikeDay"/> it read <see cref="SpikeRows"/> rows of
/// <see cref="NewObject"/>, which it had never touched, while its account failed to log in twelve times within an
/// hour. A second integration, <see cref="ScriptName"/>, whose name is markup, made one request a day for ten days and
/// moved no rows. Then the rules run.
/// </summary>
public static class ActivitySamples
{
    public const string SyncUser = "integration.sync@example.com";
    public const string ScriptUser = "script.sync@example.com";

    /// <summary>An integration name a careless page would run as script.</summary>
    public const string ScriptName = "<script>alert(\"x\")</script> & <b>Sync</b>";

    public const int HabitDays = 30;
    public const long HabitRows = 2_000;
    public const long SpikeRows = 250_000;
    public const string NewObject = "Contact";

    /// <summary>The last day of the data, and the day of the spike, the new object and the failed-login burst (the web clock's day before).</summary>
    public static readonly DateOnly SpikeDay = new(2026, 11, 1);

    /// <summary>Every day from the first of the habit to the spike day: the rows of the integration's daily table.</summary>
    public const int Days = HabitDays + 1;

    public static async Task ImportAsync(WebLedger web)
    {
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(web.DatabasePath, "setup", web.Clock));
        await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(WebLedger.Integration, null, [], [new AttributionRuleSpec(AttributionRuleKind.Account, SyncUser)]));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration(ScriptName, "Acme", "ana@example.com", "Names are untrusted", null, NetworkTrust.Untrusted,
            [], [new(AttributionRuleKind.Account, ScriptUser)]));

        var spike = SpikeDay.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
        var calls = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,CLIENT_IP,METHOD,STATUS_CODE,ENTITY_NAME,ROWS_PROCESSED,RESPONSE_SIZE\n");
        for (var d = 1; d <= HabitDays; d++)
        {
            // A habit that varies a little, as a real one does, so its spread is not zero.
            AppendCall(calls, spike.AddDays(-d).AddHours(-1), SyncUser, "Account", HabitRows + (d % 7 - 3) * 30, 400_000 + (d % 5 - 2) * 1_000);
            if (d <= 10)
                AppendCall(calls, spike.AddDays(-d), ScriptUser, "Account", 0, 50_000);
        }
        AppendCall(calls, spike, SyncUser, NewObject, SpikeRows, 60_000_000);
        await ImportAsync(ledger, web, "restapi.csv", calls);

        var logins = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS,BROWSER_TYPE,API_TYPE\n");
        for (var n = 0; n < 12; n++)
            logins.Append(CultureInfo.InvariantCulture, $"Login,{spike.AddHours(2).AddMinutes(n * 2):yyyyMMddHHmmss}.000,req-login-{n},005xx000001Sv7A,{SyncUser},203.0.113.9,LOGIN_ERROR_INVALID_PASSWORD,Java,P\n");
        await ImportAsync(ledger, web, "login.csv", logins);

        await new RunRulesHandler(ledger).HandleAsync(new RunRules());
    }

    private static void AppendCall(StringBuilder file, DateTime at, string user, string entity, long rows, long bytes) =>
        file.Append(CultureInfo.InvariantCulture,
            $"RestApi,{at:yyyyMMddHHmmss}.000,req-{Guid.NewGuid():N},{(user == SyncUser ? "005xx000001Sv7A" : "005xx000001Zz9Q")},{user},192.0.2.10,GET,200,{entity},{rows},{bytes}\n");

    private static async Task ImportAsync(Ledger ledger, WebLedger web, string name, StringBuilder text)
    {
        var path = Path.Combine(web.Folder, name);
        await File.WriteAllTextAsync(path, text.ToString());
        var outcome = await new ImportFileHandler(ledger).HandleAsync(new ImportFile("sf-elf", path));
        if (!outcome.Committed || outcome.ErrorCount > 0)
            throw new InvalidOperationException($"{name} did not import cleanly: {string.Join("; ", outcome.Errors.Take(3).Select(e => e.ToString()))}");
    }
}
