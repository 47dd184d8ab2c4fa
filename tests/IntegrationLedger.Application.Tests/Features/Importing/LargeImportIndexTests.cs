using System.Globalization;
using System.Text;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using IntegrationLedger.Testing;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// An import of more events than <see cref="DeferredEventIndexes.MinimumRows"/> drops the events' secondary
/// indexes while it writes and creates them again before it commits: whatever way it ends, the ledger must
/// hold the same indexes as before, consistent with the events, and the queries that rely on them must
/// still use them.
/// </summary>
public sealed class LargeImportIndexTests
{
    private const int Events = (int)DeferredEventIndexes.MinimumRows + 5_000;

    [Test]
    public async Task Import_OfManyEvents_LeavesEveryIndexAsItWas_AndConsistentWithTheEvents()
    {
        await using var test = await TestLedger.CreateAsync();
        var before = Indexes(test.DatabasePath);
        var path = Write(test, ApiEvents(Events));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        Assert.That(result.Committed, Is.True);
        Assert.That(RawSql.Scalar(test.DatabasePath, "SELECT count(*) FROM UsageEvents"), Is.EqualTo(Events));
        Assert.That(Indexes(test.DatabasePath), Is.EqualTo(before), "the same indexes, with the same definitions");
        Assert.That(RawSql.ScalarText(test.DatabasePath, "PRAGMA integrity_check"), Is.EqualTo("ok"), "every index holds every event");
        Assert.That(Plan(test.DatabasePath, "SELECT OccurredAt FROM UsageEvents WHERE Username = 'svc-7@example.com' ORDER BY OccurredAt DESC"),
            Does.Contain("IX_UsageEvents_Username_OccurredAt"));
        Assert.That(RawSql.Scalar(test.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE Username = 'svc-7@example.com'"),
            Is.EqualTo(Events / Accounts), "the index finds the account's events");
    }

    [Test]
    public async Task Import_OfManyEvents_Again_AddsNothing_AndKeepsTheIndexes()
    {
        await using var test = await TestLedger.CreateAsync();
        var before = Indexes(test.DatabasePath);
        var path = Write(test, ApiEvents(Events));
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        var again = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        Assert.That(again.Counts.Duplicates, Is.EqualTo(Events), "the unique key index stays while the others are dropped");
        Assert.That(RawSql.Scalar(test.DatabasePath, "SELECT count(*) FROM UsageEvents"), Is.EqualTo(Events));
        Assert.That(Indexes(test.DatabasePath), Is.EqualTo(before));
    }

    [TestCase(false, TestName = "Import_OfManyEvents_WithABadLastRow_IsRefused_AndLeavesTheIndexes")]
    [TestCase(true, TestName = "Import_OfManyEvents_DryRun_WritesNothing_AndLeavesTheIndexes")]
    public async Task Import_OfManyEvents_NotCommitted_LeavesTheIndexes(bool dryRun)
    {
        await using var test = await TestLedger.CreateAsync();
        var before = Indexes(test.DatabasePath);
        var text = ApiEvents(Events);
        if (!dryRun)
            text += "\"RestApi\",\"not a time\",\"4bad\",\"00Dxx0000001gPL\",\"005xx0000000001\",\"GET\",\"200\",\"10\",\"4200\",\"Account\",\"svc-1@example.com\",\"10.0.0.1\"\n";
        var path = Write(test, text);

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path, DryRun: dryRun));

        Assert.That(result.Committed, Is.False);
        Assert.That(RawSql.Scalar(test.DatabasePath, "SELECT count(*) FROM UsageEvents"), Is.Zero);
        Assert.That(Indexes(test.DatabasePath), Is.EqualTo(before));
    }

    private const int Accounts = 50;

    /// <summary>RestApi events with their volumes, a second apart, spread over <see cref="Accounts"/> accounts.</summary>
    private static string ApiEvents(int count)
    {
        var text = new StringBuilder("\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\",\"METHOD\",\"STATUS_CODE\",\"ROWS_PROCESSED\",\"RESPONSE_SIZE\",\"ENTITY_NAME\",\"USER_NAME\",\"CLIENT_IP\"\n");
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var n = 0; n < count; n++)
        {
            var account = n % Accounts;
            var at = start.AddSeconds(n).ToString("yyyyMMddHHmmss.fff", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"\"RestApi\",\"{at}\",\"4{n:D12}\",\"00Dxx0000001gPL\",\"005xx{account:D10}\",\"GET\",\"200\",\"{100 + n % 7}\",\"4200\",\"Account\",\"svc-{account}@example.com\",\"10.0.{account}.5\"\n");
        }
        return text.ToString();
    }

    private static List<string> Indexes(string databasePath) =>
        RawSql.Column(databasePath, "SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'UsageEvents' AND sql IS NOT NULL ORDER BY name").ToList();

    /// <summary>The query plan's steps, as SQLite describes them.</summary>
    private static string Plan(string databasePath, string query)
    {
        using var connection = RawSql.Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        return string.Join("\n", steps);
    }

    private static string Write(TestLedger test, string text)
    {
        var path = Path.Combine(test.Folder, "api.csv");
        File.WriteAllText(path, text);
        return path;
    }
}
