using System.Globalization;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Activity;

/// <summary>A Bulk API 2.0 state event as a test writes it into an Event Monitoring file.</summary>
internal sealed record JobEvent(
    DateTime At, string JobId, string Status, long? Records, string Operation = "query", string Entity = "Contact",
    string UserId = VolumeScenario.EtlBotId, string Ip = VolumeScenario.EtlBotIp, string? ResultSizeMb = null, long? Failed = null);

/// <summary>
/// What the data-volume tests share: integrations the sample exports' events are attributed to (by their
/// source addresses, as the samples name no usernames), the Event Monitoring samples, files written from
/// them, and the five baseline tables read back row by row.
/// </summary>
internal static class VolumeScenario
{
    /// <summary>etl.bot, who runs the Bulk API 2.0 query jobs of the samples from 198.51.100.23.</summary>
    public const string EtlBotId = "005xx000001Uq9k";
    public const string EtlBotIp = "198.51.100.23";

    /// <summary>The integration of etl.bot's address.</summary>
    public const string Extract = "Warehouse Extract";

    /// <summary>The integration of mulesoft.api's address (198.51.100.7).</summary>
    public const string Mule = "Mule Sync";

    /// <summary>The integration of integration.sync@example.com (by its account).</summary>
    public const string Nightly = "Nightly ETL";

    /// <summary>The tables the imports keep up to date and <c>ledger activity rebuild</c> recomputes.</summary>
    public static readonly IReadOnlyList<string> BaselineTables = ["ActivityDays", "ActivityObjects", "ActivitySources", "BulkJobs", "FailedLoginHours"];

    public static async Task<TestLedger> LedgerAsync()
    {
        var test = await TestLedger.CreateAsync();
        foreach (var (name, rule) in new[]
        {
            (Extract, new AttributionRuleSpec(AttributionRuleKind.SourceIp, EtlBotIp + "/32")),
            (Mule, new AttributionRuleSpec(AttributionRuleKind.SourceIp, "198.51.100.7/32")),
            (Nightly, new AttributionRuleSpec(AttributionRuleKind.Account, "integration.sync@example.com")),
        })
        {
            await new AddIntegrationHandler(test.Ledger).HandleAsync(new AddIntegration(name, "Acme", null, "Moves data", null, NetworkTrust.Untrusted, [], [rule]));
        }
        return test;
    }

    /// <summary>The integration's id as the baselines name it (upper-case text).</summary>
    public static async Task<string> SubjectAsync(TestLedger test, string integration) =>
        (await test.Ledger.Db.Integrations.AsNoTracking().SingleAsync(i => i.Name == integration)).Id.ToString().ToUpperInvariant();

    public static async Task<UsageImportResult> ImportAsync(TestLedger test, string path)
    {
        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));
        Assert.That(result.Errors, Is.Empty, $"{Path.GetFileName(path)}: " + string.Join("; ", result.Errors));
        Assert.That(result.Committed, Is.True);
        return result;
    }

    public static Task<UsageImportResult> ImportSampleAsync(TestLedger test, string file) => ImportAsync(test, Samples.Salesforce(file));

    /// <summary>
    /// A sample with one line changed: <paramref name="from"/>, which must occur exactly once on that line
    /// (1 is the header), becomes <paramref name="to"/>. Only the lines given are kept when <paramref name="keep"/> is.
    /// </summary>
    public static string EditedSample(TestLedger test, string file, int line, string from, string to, IReadOnlyCollection<int>? keep = null)
    {
        var lines = File.ReadAllLines(Samples.Salesforce(file));
        var target = lines[line - 1];
        var at = target.IndexOf(from, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"{file} line {line} has no {from}");
        Assert.That(target.IndexOf(from, at + 1, StringComparison.Ordinal), Is.EqualTo(-1), $"{file} line {line} has {from} more than once");
        lines[line - 1] = string.Concat(target.AsSpan(0, at), to, target.AsSpan(at + from.Length));
        return Lines(test, file, lines, keep);
    }

    /// <summary>The header of a sample and only the lines given of it, as a file of its own.</summary>
    public static string SampleLines(TestLedger test, string file, IReadOnlyCollection<int> keep) =>
        Lines(test, file, File.ReadAllLines(Samples.Salesforce(file)), keep);

    private static string Lines(TestLedger test, string file, string[] lines, IReadOnlyCollection<int>? keep)
    {
        var kept = lines.Where((_, i) => i == 0 || keep is null || keep.Contains(i + 1));
        return Samples.Write(test, $"{Path.GetFileNameWithoutExtension(file)}-{Guid.NewGuid():N}.csv", string.Join("\n", kept) + "\n");
    }

    /// <summary>A BulkApi2 event log file of the given state events, in the sample's columns.</summary>
    public static string BulkApi2File(TestLedger test, IEnumerable<JobEvent> events)
    {
        var lines = new List<string>
        {
            Quoted("EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "ORGANIZATION_ID", "USER_ID", "URI", "JOB_ID", "JOB_STATUS", "OPERATION_TYPE", "ENTITY_TYPE",
                "RECORDS_PROCESSED", "RECORDS_FAILED", "RESULT_SIZE_MB", "CLIENT_IP"),
        };
        foreach (var e in events)
        {
            lines.Add(Quoted("BulkApi2", e.At.ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture), $"4{Guid.NewGuid():N}"[..22], "00Dxx0000001gPL", e.UserId,
                $"/services/data/v62.0/jobs/{(e.Operation == "query" ? "query" : "ingest")}/{e.JobId}", e.JobId, e.Status, e.Operation, e.Entity,
                Number(e.Records), Number(e.Failed ?? (e.Records is null ? null : 0)), e.ResultSizeMb ?? "", e.Ip));
        }
        return Samples.Write(test, $"bulkapi2-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
    }

    /// <summary>An event log file of any type: the header and rows as Salesforce writes them, every value quoted.</summary>
    public static string ElfFile(TestLedger test, string[] header, params string[][] rows) =>
        Samples.Write(test, $"elf-{Guid.NewGuid():N}.csv", string.Join("\n", new[] { Quoted(header) }.Concat(rows.Select(Quoted))) + "\n");

    /// <summary>Every row of the baseline tables, every column as SQLite holds it, sorted: two ledgers' tables compare as lists.</summary>
    public static Dictionary<string, List<string>> BaselineRows(TestLedger test) => BaselineRows(test.DatabasePath);

    public static Dictionary<string, List<string>> BaselineRows(string databasePath)
    {
        using var connection = RawSql.Open(databasePath);
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in BaselineTables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}")));
            }
            rows.Sort(StringComparer.Ordinal);
            tables[table] = rows;
        }
        return tables;
    }

    /// <summary>Asserts that two readings of the baseline tables hold the same rows, naming the table and the rows that differ.</summary>
    public static void AssertSameBaselines(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual, string what)
    {
        Assert.Multiple(() =>
        {
            foreach (var table in BaselineTables)
            {
                var missing = expected[table].Except(actual[table]).ToList();
                var extra = actual[table].Except(expected[table]).ToList();
                Assert.That(actual[table], Is.EqualTo(expected[table]),
                    $"{table} {what}:\n  missing: {string.Join("\n           ", missing)}\n  extra:   {string.Join("\n           ", extra)}");
            }
        });
    }

    public static long Count(TestLedger test, string table) => test.ScalarRaw($"SELECT count(*) FROM {table}");

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quoted(params string[] values) => string.Join(",", values.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
