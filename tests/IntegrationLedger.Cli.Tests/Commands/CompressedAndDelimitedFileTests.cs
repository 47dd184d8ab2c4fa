using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// Files as they arrive, through the command line: gzip and zip recognised by their content, not their
/// name, read with the same counts, line numbers and idempotency as the plain file; semicolons and tabs
/// recognised from the header; a template kept in a workbook; and every damaged file refused in one
/// sentence, exit 2, with the ledger unchanged.
/// </summary>
public class CompressedAndDelimitedFileTests
{
    private CliRunner _cli = null!;

    private static string Sample(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    private static byte[] SampleBytes(string file) => File.ReadAllBytes(Sample(file));

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_cli.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private string State() =>
        _cli.ScalarRawText("SELECT (SELECT count(*) FROM UsageEvents) || '/' || (SELECT count(*) FROM ImportBatches) || '/' || " +
            "(SELECT count(*) FROM People) || '/' || (SELECT count(*) FROM Tokens) || '/' || (SELECT count(*) FROM AuditEntries)")!;

    private async Task<CliResult> RefusedAsync(string[] args, params string[] mentioned)
    {
        var before = State();
        var result = await _cli.LedgerAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        foreach (var text in mentioned)
            Assert.That(result.Error, Does.Contain(text), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("Unexpected"), "a plain message, not a crash");
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.LessThanOrEqualTo(2), result.Error);
        Assert.That(State(), Is.EqualTo(before), "the ledger is unchanged");
        return result;
    }

    [Test]
    public async Task Gzip_SameCountsAsThePlainFile_AndThePlainFileAfterItIsAllDuplicates_WithTheSameHash()
    {
        var plain = Write("LoginHistory.csv", SampleBytes("loginhistory-api-fields.csv"));
        var gzipped = Write("LoginHistory.csv.gz", Gzip(SampleBytes("loginhistory-api-fields.csv")));

        var fromGzip = await _cli.LedgerAsync("import", "auto", gzipped, "--json");
        var fromPlain = await _cli.LedgerAsync("import", "auto", plain, "--json");

        Assert.That(fromGzip.ExitCode, Is.Zero, fromGzip.ToString());
        Assert.That(fromGzip.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(12));
        Assert.That(fromPlain.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.Zero);
        Assert.That(fromPlain.Json.GetProperty("counts").GetProperty("duplicates").GetInt64(), Is.EqualTo(12));
        Assert.That(fromGzip.Json.GetProperty("sha256").GetString(), Is.EqualTo(fromPlain.Json.GetProperty("sha256").GetString()),
            "the hash is of the CSV, not of the compressed bytes");
        Assert.That(_cli.ScalarRaw("SELECT count(DISTINCT Sha256) FROM ImportBatches"), Is.EqualTo(1));
    }

    [Test]
    public async Task Zip_SameCountsAsThePlainFile_AndTheBatchNamesTheMember()
    {
        var plainDry = await _cli.LedgerAsync("import", "auto", Sample("elf-login.csv"), "--dry-run", "--json");
        var zipped = Write("logs.zip", Zip(("ELF-Login-2026-07-01.csv", SampleBytes("elf-login.csv"))));

        var result = await _cli.LedgerAsync("import", "auto", zipped);
        var again = await _cli.LedgerAsync("import", "auto", zipped, "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("ELF-Login-2026-07-01.csv from logs.zip as sf-elf"));
        Assert.That(result.Out, Does.Contain("read 12, added 12, duplicates 0"));
        Assert.That(again.Json.GetProperty("counts").GetProperty("duplicates").GetInt64(), Is.EqualTo(12));
        Assert.That(again.Json.GetProperty("member").GetString(), Is.EqualTo("ELF-Login-2026-07-01.csv"));
        Assert.That(plainDry.Json.GetProperty("counts").GetProperty("read").GetInt64(), Is.EqualTo(12));
        Assert.That(_cli.ScalarRawText("SELECT FileName FROM ImportBatches LIMIT 1"), Is.EqualTo("ELF-Login-2026-07-01.csv from logs.zip"));
    }

    [Test]
    public async Task ContentNotName_AGzipCalledCsv_AndPlainTextCalledGz_BothImport()
    {
        var gzipCalledCsv = Write("disguised.csv", Gzip(SampleBytes("elf-login.csv")));
        var textCalledGz = Write("plain.gz", SampleBytes("elf-api.csv"));

        var first = await _cli.LedgerAsync("import", "auto", gzipCalledCsv);
        var second = await _cli.LedgerAsync("import", "auto", textCalledGz);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Out, Does.Contain("added 12"));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.Out, Does.Contain("added 10"));
    }

    [Test]
    public async Task BadRow_InsideAZipOrAGzip_NamedWithTheMemberAndTheSameLineAsInThePlainFile()
    {
        var lines = File.ReadAllLines(Sample("loginhistory-api-fields.csv"));
        lines[2] = lines[2].Replace("2026-11-28T07:07:13.000Z", "yesterday", StringComparison.Ordinal);
        var bad = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

        var plain = await RefusedAsync(["import", "sf-loginhistory-api", Write("bad.csv", bad)], "bad.csv, line 3, LoginTime: ");
        var zipped = await RefusedAsync(["import", "sf-loginhistory-api", Write("logins.zip", Zip(("LoginHistory.csv", bad)))],
            "logins.zip, member LoginHistory.csv, line 3, LoginTime: ");
        var gzipped = await RefusedAsync(["import", "auto", Write("bad.csv.gz", Gzip(bad))], "bad.csv.gz, line 3, LoginTime: ");

        var reason = plain.Error.Split('\n')[0].Split("LoginTime: ")[1];
        Assert.That(zipped.Error, Does.Contain("LoginTime: " + reason));
        Assert.That(gzipped.Error, Does.Contain("LoginTime: " + reason));
    }

    [Test]
    public async Task Zip_WithFoldersAndMacDebris_ReadsItsOneCsv()
    {
        var zipped = Write("from-a-mac.zip", Zip(
            ("export/", []),
            ("export/LoginHistory.csv", SampleBytes("loginhistory-api-fields.csv")),
            ("__MACOSX/export/._LoginHistory.csv", [0, 5, 22, 7, 0, 2]),
            ("export/.DS_Store", [0, 0, 0, 1, 66, 117, 100, 49])));

        var result = await _cli.LedgerAsync("import", "auto", zipped);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("added 12"));
    }

    [Test]
    public async Task Zip_WithNothingButFolders_RefusedSayingWhatItHolds() =>
        await RefusedAsync(["import", "auto", Write("empty.zip", Zip(("export/", []), ("__MACOSX/", [])))],
            "empty.zip: the zip holds no file to import (only export/, __MACOSX/)");

    [Test]
    public async Task CorruptGzip_RefusedNamingTheFile()
    {
        var bytes = Gzip(SampleBytes("elf-login.csv"));
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 40; i++)
            bytes[i] ^= 0x5A;
        await RefusedAsync(["import", "sf-elf", Write("corrupt.csv.gz", bytes)], "corrupt.csv.gz: the compressed data is damaged or cut short");
    }

    [Test]
    public async Task TruncatedGzip_RefusedRatherThanImportingTheRowsBeforeTheCut()
    {
        // .NET's GZipStream ends quietly where a cut file ends; the trailer's length tells the cut.
        var bytes = Gzip(Encoding.UTF8.GetBytes(File.ReadAllText(Sample("elf-login.csv")) + string.Concat(Enumerable.Repeat(File.ReadAllText(Sample("elf-login.csv")).Split('\n', 2)[1], 50))));
        await RefusedAsync(["import", "sf-elf", Write("cut.csv.gz", bytes[..(bytes.Length * 2 / 3)])], "cut.csv.gz: the compressed data is damaged or cut short");
    }

    [Test]
    public async Task TruncatedZip_RefusedNamingTheFile()
    {
        var bytes = Zip(("LoginHistory.csv", SampleBytes("loginhistory-api-fields.csv")));
        await RefusedAsync(["import", "auto", Write("cut.zip", bytes[..(bytes.Length / 2)])], "cut.zip: the zip file is damaged or cut short");
    }

    [Test]
    public async Task BinaryRenamedGz_RefusedAsNotText()
    {
        var binary = new byte[4096];
        new Random(13).NextBytes(binary);
        binary[0] = 0x7F;
        binary[10] = 0;
        await RefusedAsync(["import", "auto", Write("photo.gz", binary)], "photo.gz, line 1", "not a CSV file");
    }

    [Test]
    public async Task DecompressionBomb_RefusedByTheRecordLimitWithoutReadingItWhole()
    {
        // 256 MB of one endless line compresses to about 250 KB; it is read as it decompresses and stops at the record limit.
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS\nLogin,"u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 256; i++)
                gzip.Write(chunk);
        }
        Assert.That(bomb.Length, Is.LessThan(1 << 20));
        var watch = Stopwatch.StartNew();

        await RefusedAsync(["import", "sf-elf", Write("bomb.csv.gz", bomb.ToArray())], "bomb.csv.gz, line 2", "longer than 1,048,576 bytes");

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "stops at the limit rather than reading 256 MB");
    }

    [Test]
    public async Task SemicolonPeopleTemplate_WithCommasInsideFields_ReadsEachCell()
    {
        var file = Write("people-eu.csv", "email;name;department;departed_on\r\nana@example.com;Lima, Ana;Sales, EMEA;\r\n\"ben@example.com\";\"Okafor; Ben\";Data;\r\n");

        var result = await _cli.LedgerAsync("import", "auto", file);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("as the people template (recognised from the header)"));
        Assert.That(result.Out, Does.Contain("created 2"));
        Assert.That(_cli.ScalarRawText("SELECT Name || '|' || Department FROM People WHERE Email = 'ana@example.com'"), Is.EqualTo("Lima, Ana|Sales, EMEA"));
        Assert.That(_cli.ScalarRawText("SELECT Name FROM People WHERE Email = 'ben@example.com'"), Is.EqualTo("Okafor; Ben"));
    }

    [Test]
    public async Task CommaTemplate_WhoseCellsHoldSemicolons_StaysACommaFile()
    {
        var file = Write("people.csv", "email,name,department\nana@example.com,Ana Lima,Sales;EMEA;North;South\nben@example.com,Ben,Data;Platform;Ops;On call\n");

        var result = await _cli.LedgerAsync("import", "people", file);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(_cli.ScalarRawText("SELECT Department FROM People WHERE Email = 'ana@example.com'"), Is.EqualTo("Sales;EMEA;North;South"));
    }

    [Test]
    public async Task SemicolonTemplate_ARowCutInTheWrongPlace_NamesTheSemicolon() =>
        await RefusedAsync(["import", "people", Write("people-eu.csv", "email;name;department;departed_on\nana@example.com;Ana;Sales;;extra\n")],
            "people-eu.csv, line 2, row", "an unquoted semicolon");

    [Test]
    public async Task TabSeparatedExport_SameCountsAsTheCommaOne()
    {
        var tabbed = File.ReadAllText(Sample("elf-login.csv")).Replace("\",\"", "\"\t\"", StringComparison.Ordinal);
        Assert.That(tabbed, Does.Not.Contain("\",\""));

        var result = await _cli.LedgerAsync("import", "auto", Write("elf-login.tsv", tabbed), "--json");
        var comma = await _cli.LedgerAsync("import", "auto", Sample("elf-login.csv"), "--json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Json.GetProperty("format").GetString(), Is.EqualTo("sf-elf"));
        Assert.That(result.Json.GetProperty("counts").GetProperty("added").GetInt64(), Is.EqualTo(12));
        Assert.That(comma.Json.GetProperty("counts").GetProperty("duplicates").GetInt64(), Is.EqualTo(12), "the same events, whatever the separator");
    }

    private string Workbook(string name, Action<XLWorkbook> fill)
    {
        var path = Path.Combine(_cli.Folder, name);
        using var book = new XLWorkbook();
        fill(book);
        book.SaveAs(path);
        return path;
    }

    [Test]
    public async Task Workbook_BadRow_NamedBySheetRowAndColumn()
    {
        var book = Workbook("book.xlsx", b =>
        {
            b.AddWorksheet("Instructions").Cell(1, 1).Value = "Fill in one person a row.";
            var people = b.AddWorksheet("People");
            people.Cell(1, 1).Value = "Staff register";
            people.Cell(3, 1).Value = "email";
            people.Cell(3, 2).Value = "name";
            people.Cell(4, 1).Value = "not an address";
            people.Cell(4, 2).Value = "Ana Lima";
        });

        var result = await RefusedAsync(["import", "people", book], "book.xlsx, sheet People, row 4, column email: ");

        Assert.That(result.Error, Does.Contain("book.xlsx, sheet People: 1 bad row(s); nothing was imported"));
    }

    [Test]
    public async Task Workbook_Imported_ThenAgain_ChangesNothing()
    {
        var book = Workbook("people.xlsx", b =>
        {
            var people = b.AddWorksheet("People");
            people.Cell(1, 1).Value = "email";
            people.Cell(1, 2).Value = "name";
            people.Cell(1, 3).Value = "departed_on";
            people.Cell(2, 1).Value = " ana@example.com ";
            people.Cell(2, 2).Value = "Ana Lima";
            people.Cell(2, 3).Value = new DateTime(2026, 3, 1);
        });

        var first = await _cli.LedgerAsync("import", "auto", book);
        var second = await _cli.LedgerAsync("import", "auto", book, "--json");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Out, Does.Contain("Imported: sheet People of people.xlsx as the people template (recognised from the header)"));
        Assert.That(first.Out, Does.Contain("created 1"));
        Assert.That(second.Json.GetProperty("counts").GetProperty("unchanged").GetInt64(), Is.EqualTo(1));
        Assert.That(second.Json.GetProperty("sheet").GetString(), Is.EqualTo("People"));
        Assert.That(_cli.ScalarRawText("SELECT DepartedOn FROM People WHERE Email = 'ana@example.com'"), Does.StartWith("2026-03-01"));
    }

    [Test]
    public async Task Workbook_WithSeveralTemplates_Auto_RefusedWithTheOrderToImportThemIn()
    {
        var book = Workbook("inventory.xlsx", b =>
        {
            var tokens = b.AddWorksheet("Tokens");
            foreach (var (column, name) in new[] { (1, "label"), (2, "kind"), (3, "owner") })
                tokens.Cell(1, column).Value = name;
            var people = b.AddWorksheet("People");
            people.Cell(1, 1).Value = "email";
            people.Cell(1, 2).Value = "name";
        });

        await RefusedAsync(["import", "auto", book],
            "inventory.xlsx: holds 2 templates, on the sheets People (people), Tokens (tokens)",
            "in this order: 'ledger import people inventory.xlsx', then 'ledger import tokens inventory.xlsx'");
    }

    [Test]
    public async Task Workbook_NamedAsAPlatformExport_RefusedAskingForCsv() =>
        await RefusedAsync(["import", "sf-elf", Workbook("elf.xlsx", b => b.AddWorksheet("Sheet1").Cell(1, 1).Value = "EVENT_TYPE")],
            "elf.xlsx: is an Excel workbook, and sf-elf files are read as CSV");

    [Test]
    public async Task ImportHelp_DescribesTheFilesAccepted()
    {
        var help = await _cli.LedgerAsync("import", "--help");

        Assert.That(help.Out, Does.Contain("semicolons or tabs").And.Contain("gzipped").And.Contain(".xlsx"));
    }
}
