using System.Globalization;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// A ledger of many people, integrations and tokens, written as inventory templates and imported the way an
/// officer would import them (as benchmarks/rules-speed.sh does), so a list has pages to go through.
/// </summary>
/// <remarks>
/// Token <c>token-N</c> is owned by <c>person-(N % people)</c>, signs in as <c>svc-N@example.com</c> and is used by
/// <c>Integration (N % integrations)</c>. Its kind cycles through API key, Salesforce security token and
/// certificate; its last rotation cycles through <see cref="OverdueRotation"/> (overdue on the web tests' clock),
/// <see cref="SoonDueRotation"/> (due within a month) and <see cref="RecentRotation"/>.
/// <para>With <see cref="Events"/>, Event Monitoring logins every ten minutes from 2026-11-01: event N signs in as
/// <c>int-(N % integrations)@example.com</c> (so it is attributed to that integration) from <c>10.0.(N % integrations).5</c>,
/// every ninth fails, every thirtieth is a stranger's; the last one's username is a spreadsheet formula. Then the
/// rules run, so there are findings.</para>
/// </remarks>
public sealed record LedgerSeed(string Name, int People, int Integrations, int Tokens, int Events = 0)
{
    /// <summary>The username of the last seeded event: text a spreadsheet would run, were it not neutralised.</summary>
    public const string FormulaUsername = "=hyperlink(\"http://example.com\",\"x@example.com\")";

    public const string OverdueRotation = "2026-07-01";
    public const string SoonDueRotation = "2026-08-20";
    public const string RecentRotation = "2026-10-30";

    public static readonly string[] Kinds = ["api-key", "salesforce-security-token", "certificate"];

    /// <summary>Sixty tokens over five owners and ten integrations: three pages of 25.</summary>
    public static LedgerSeed Lists { get; } = new("lists", People: 5, Integrations: 10, Tokens: 60, Events: 90);

    public static DateTime EventTime(int n) => new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(10 * n);

    public static string Label(int token) => $"token-{token:D5}";
    public static string Owner(int person) => $"person-{person}@example.com";
    public static string IntegrationName(int integration) => $"Integration {integration:D4}";
    public static string Kind(int token) => Kinds[token % Kinds.Length];

    public static string LastRotated(int token) => (token % 4) switch
    {
        0 => OverdueRotation,
        1 => SoonDueRotation,
        _ => RecentRotation,
    };

    public async Task AddAsync(string databasePath)
    {
        var folder = Path.Combine(Path.GetDirectoryName(databasePath)!, "seed");
        Directory.CreateDirectory(folder);
        var people = new StringBuilder("email,name,department\n");
        for (var p = 0; p < People; p++)
            people.Append(CultureInfo.InvariantCulture, $"{Owner(p)},Person {p},Team {p % 7}\n");
        var integrations = new StringBuilder("name,vendor,owner,purpose,network,match_accounts\n");
        for (var i = 0; i < Integrations; i++)
            integrations.Append(CultureInfo.InvariantCulture, $"{IntegrationName(i)},Vendor {i % 13},{Owner(i % People)},Moves data {i},{(i % 2 == 0 ? "untrusted" : "trusted")},int-{i}@example.com\n");
        var tokens = new StringBuilder("label,kind,owner,account,rotate_every_days,issued,last_rotated\n");
        var usages = new StringBuilder("token,integration,purpose,since\n");
        for (var t = 0; t < Tokens; t++)
        {
            tokens.Append(CultureInfo.InvariantCulture, $"{Label(t)},{Kind(t)},{Owner(t % People)},svc-{t}@example.com,90,2025-01-01,{LastRotated(t)}\n");
            usages.Append(CultureInfo.InvariantCulture, $"{Label(t)},{IntegrationName(t % Integrations)},API login,2025-01-01\n");
        }

        var events = new StringBuilder("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\n");
        for (var n = 0; n < Events; n++)
        {
            var user = n % 30 == 29 ? "stranger@example.com" : $"int-{n % Integrations}@example.com";
            var status = n % 9 == 8 ? "LOGIN_ERROR_INVALID_PASSWORD" : "LOGIN_NO_ERROR";
            events.Append(CultureInfo.InvariantCulture, $"Login,{EventTime(n):yyyyMMddHHmmss}.000,req-{n},005xx{n:D10},{user},10.0.{n % Integrations}.5,{status}\n");
        }
        if (Events > 0)
            events.Append(CultureInfo.InvariantCulture, $"Login,{EventTime(Events):yyyyMMddHHmmss}.000,req-formula,005xx9999999999,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x@example.com\"\")\",192.0.2.99,LOGIN_NO_ERROR\n");

        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(databasePath, "setup", IntegrationLedger.Testing.TestClock.Create(IntegrationLedger.Testing.TestClock.WebStart)));
        var files = new List<(string, StringBuilder)> { ("people", people), ("integrations", integrations), ("tokens", tokens), ("token-usages", usages) };
        if (Events > 0)
            files.Add(("sf-elf", events));
        foreach (var (template, text) in files)
        {
            var path = Path.Combine(folder, template + ".csv");
            await File.WriteAllTextAsync(path, text.ToString());
            var outcome = await new ImportFileHandler(ledger).HandleAsync(new ImportFile(template, path));
            if (!outcome.Committed)
                throw new InvalidOperationException($"The seed's {template} did not import: {string.Join("; ", outcome.Errors.Take(3).Select(e => e.ToString()))}");
        }
        if (Events > 0)
            await new RunRulesHandler(ledger).HandleAsync(new RunRules());
        Directory.Delete(folder, recursive: true);
    }
}
