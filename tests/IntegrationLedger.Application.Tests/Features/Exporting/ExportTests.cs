using System.Text.Json;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.Exporting;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;

namespace IntegrationLedger.Application.Tests.Features.Exporting;

public class ExportTests
{
    private static Task<ExportResult> Export(TestLedger test, string table, ExportFormat format, string file) =>
        new ExportTableToFileHandler(test.Ledger).HandleAsync(new ExportTableToFile(table, format, Path.Combine(test.Folder, file)));

    [Test]
    public async Task EventsCsv_KeepsAFormulaFromAnImportedFileAsText()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "login.csv",
            "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\n" +
            "Login,20261128060000.000,req-1,005xx000001Sv7A,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x@example.com\"\")\",192.0.2.10\n");
        await test.Ledger.ImportUsageAsync(new ImportFile("sf-elf", path));

        var result = await Export(test, "events", ExportFormat.Csv, "events.csv");

        var text = await File.ReadAllTextAsync(result.Path);
        Assert.That(result.Rows, Is.EqualTo(1));
        Assert.That(text, Does.Contain("\"'=hyperlink(\"\"http://example.com\"\",\"\"x@example.com\"\")\""), "escaped so a spreadsheet shows it as text");
        Assert.That(text, Does.Not.Contain(",=hyperlink"));
    }

    [Test]
    public async Task TokensJson_HasIsoTimesAndNoSecret()
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddTokenAsync("etl-token", "ana@example.com", secret: "VerySecretValue1234");

        var result = await Export(test, "tokens", ExportFormat.Json, "tokens.json");

        var json = await File.ReadAllTextAsync(result.Path);
        using var document = JsonDocument.Parse(json);
        var token = document.RootElement[0];
        Assert.That(token.GetProperty("label").GetString(), Is.EqualTo("etl-token"));
        Assert.That(token.GetProperty("issuedAt").GetString(), Is.EqualTo("2026-07-01T09:00:00Z"));
        Assert.That(token.GetProperty("rotationDays").GetInt32(), Is.EqualTo(90));
        Assert.That(json, Does.Not.Contain("VerySecretValue1234"));
    }

    [TestCase("tokens")]
    [TestCase("integrations")]
    [TestCase("usages")]
    [TestCase("events")]
    [TestCase("findings")]
    [TestCase("audit")]
    public async Task EveryTable_ExportsAsCsvWithItsHeader(string table)
    {
        await using var test = await TestLedger.CreateAsync();
        await test.AddPersonAsync("ana@example.com");
        await test.AddIntegrationAsync("Nightly ETL", "ana@example.com");

        var result = await Export(test, table, ExportFormat.Csv, table + ".csv");

        var lines = await File.ReadAllLinesAsync(result.Path);
        Assert.That(lines, Has.Length.EqualTo(result.Rows + 1));
        Assert.That(Directory.GetFiles(test.Folder, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task Export_IntoAMissingFolder_SaysSoAndWritesNothing()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await Export(test, "audit", ExportFormat.Csv, Path.Combine("missing", "audit.csv")),
            Throws.TypeOf<OutputFileException>().With.Message.Contains("does not exist"));
    }
}
