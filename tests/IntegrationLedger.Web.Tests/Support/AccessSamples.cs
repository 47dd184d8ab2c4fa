using System.Globalization;
using System.Text;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Integrations;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// The four sample access exports (samples/salesforce: users, permission set assignments, verification methods,
/// user logins) imported into a web test's ledger as an officer would import them, through the import handler
/// with the format left to <c>auto</c>, as of <see cref="ExportedAt"/>; the ledger's clock is moved on to
/// <see cref="Now"/> first, as the exports were taken after the web tests' usual start.
/// </summary>
/// <remarks>
/// Before the import, <see cref="Owner"/> is added as a person (so the account of the same email becomes theirs)
/// and the web ledger's integration gets an attribution rule naming <see cref="EtlBot"/> (so the integration uses
/// it). The rules run after it, so the accounts have findings.
/// </remarks>
public static class AccessSamples
{
    public const string EtlBot = "etl.bot@example.com";
    public const string MuleSoft = "mulesoft.api@example.com";
    public const string Owner = "admin.ops@example.com";

    /// <summary>The files in the order a person would import them: the User export first, as the others name its users.</summary>
    public static readonly string[] Files = ["user.csv", "permissionsetassignment.csv", "twofactormethodsinfo.csv", "userlogin.csv"];

    public static readonly DateTime ExportedAt = new(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc);
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A day before the exports: nothing was known of any account's access then.</summary>
    public const string DayBefore = "2026-11-28";

    public static string SamplePath(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    public static async Task ImportAsync(WebLedger web)
    {
        web.Clock.SetUtcNow(Now);
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(web.DatabasePath, "setup", web.Clock));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson(Owner, "Admin Ops", "IT Operations"));
        await new ChangeIntegrationHandler(ledger).HandleAsync(new ChangeIntegration(WebLedger.Integration, null, [], [new AttributionRuleSpec(AttributionRuleKind.Account, EtlBot)]));
        foreach (var file in Files)
            await ImportAsync(ledger, SamplePath(file));
        await new RunRulesHandler(ledger).HandleAsync(new RunRules());
    }

    /// <summary>A User export of <paramref name="count"/> more accounts (<c>bulk-0001@example.com</c>...), each a browser user with an old password: a list with pages.</summary>
    public static async Task ImportManyUsersAsync(WebLedger web, int count)
    {
        var text = new StringBuilder("Id,Username,Name,Email,IsActive,UserType,Profile.Name,Profile.UserLicense.Name,UserRole.Name,LastLoginDate,LastPasswordChangeDate,CreatedDate,FederationIdentifier\n");
        for (var n = 1; n <= count; n++)
            text.Append(CultureInfo.InvariantCulture, $"{SalesforceId.Normalize($"005xx{n:D10}")},{Bulk(n)},Bulk {n},{Bulk(n)},true,Standard,Standard User,Salesforce,,2026-11-20T10:00:00.000+0000,2025-01-01T10:00:00.000+0000,2024-01-01T10:00:00.000+0000,\n");
        var path = Path.Combine(web.Folder, "many-users.csv");
        await File.WriteAllTextAsync(path, text.ToString());
        await using var ledger = await Ledger.OpenAsync(new LedgerOptions(web.DatabasePath, "setup", web.Clock));
        await ImportAsync(ledger, path);
    }

    public static string Bulk(int n) => $"bulk-{n:D4}@example.com";

    private static async Task ImportAsync(Ledger ledger, string path)
    {
        var outcome = await new ImportFileHandler(ledger).HandleAsync(new ImportFile(ImportFormats.Auto, path, AsOf: ExportedAt));
        if (!outcome.Committed || outcome.ErrorCount > 0)
            throw new InvalidOperationException($"{Path.GetFileName(path)} did not import cleanly: {string.Join("; ", outcome.Errors.Take(3).Select(e => e.ToString()))}");
    }
}
