using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>Bad rows are all reported; a file with any changes nothing unless asked; dry runs write nothing.</summary>
public class ImportValidationTests
{
    private const string LoginHeader = Samples.LoginHistoryHeader;

    /// <summary>Six logins, three of them bad in different fields (lines 3, 5 and 7).</summary>
    private static readonly string FileWithThreeBadRows = string.Join("\n",
        LoginHeader,
        "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
        "0Yaxx0000000002,005xx000001Sv7AAAS,28/11/2026 07:00,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
        "0Yaxx0000000003,005xx000001Sv7AAAS,2026-11-28T08:00:00.000+0000,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
        "0Yaxx0000000004,005xx000001Sv7AAAX,2026-11-28T09:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
        "0Yaxx0000000005,005xx000001Sv7AAAS,2026-11-28T10:00:00.000Z,Partner Product,192.0.2.10,Success,\"AcmeSync, \"\"patched\"\"\"",
        "0Yaxx0000000006,005xx000001Sv7AAAS,2026-11-28T11:00:00.000Z,Partner Product,192.0.2.300,Success,AcmeSync/4.2.1",
        "");

    [Test]
    public async Task Import_FileWithThreeBadRows_NamesEachAndChangesNothing()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "logins.csv", FileWithThreeBadRows);
        var auditBefore = await test.Ledger.Db.AuditEntries.CountAsync();

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-loginhistory-api", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (3L, "LoginTime"), (5L, "UserId"), (7L, "SourceIp") }));
        Assert.That(result.Errors[0].Reason, Does.Contain("28/11/2026 07:00"));
        Assert.That(result.Counts.Rejected, Is.EqualTo(3));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task Import_SkipInvalid_TakesTheGoodRows()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "logins.csv", FileWithThreeBadRows);

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-loginhistory-api", path, SkipInvalid: true));

        Assert.That(result.Committed, Is.True);
        Assert.That((result.Counts.Added, result.Counts.Rejected), Is.EqualTo((3L, 3L)));
        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.Application).ToListAsync(), Does.Contain("AcmeSync, \"patched\""));
        var batch = await test.Ledger.Db.ImportBatches.SingleAsync();
        Assert.That(batch.Counts.Rejected, Is.EqualTo(3));
    }

    [Test]
    public async Task Import_DryRun_CountsEverythingAndWritesNothing()
    {
        await using var test = await TestLedger.CreateAsync();
        var auditBefore = await test.Ledger.Db.AuditEntries.CountAsync();

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-api.csv"), DryRun: true));

        Assert.That((result.DryRun, result.Committed, result.Counts.Added), Is.EqualTo((true, false, 10L)));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.ImportBatches.CountAsync(), Is.Zero);
        Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task Import_ErrorsFile_HoldsEveryRejectedRowWithItsReason()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "logins.csv", FileWithThreeBadRows);
        var errorsPath = Path.Combine(test.Folder, "rejected.csv");

        await test.Ledger.ImportUsageAsync(new ImportFile("sf-loginhistory-api", path, ErrorsPath: errorsPath));

        var lines = File.ReadAllLines(errorsPath);
        Assert.That(lines[0], Does.StartWith("line,field,reason,Id,UserId,LoginTime"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "3", "5", "7" }));
        Assert.That(lines[1], Does.Contain("0Yaxx0000000002"), "the row itself follows its reason");
        Assert.That(Directory.GetFiles(test.Folder, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task Import_MissingColumns_NamesThemAll()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "partial.csv", "Id,Status\n1,Success\n");

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("sf-loginhistory-api", path)),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("UserId, LoginTime").And.Message.Contains("partial.csv, line 1"));
    }

    [Test]
    public async Task Import_UnknownLayout_SaysWhichFormatsExist()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("report-export-users.csv"))),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("matches none of the formats").And.Message.Contains("sf-elf"));
    }

    [Test]
    public async Task Import_ReportFooterAfterABlankLine_IsSetAside()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "with-footer.csv", string.Join("\r\n",
            "\"Login Time\",\"Username\",\"Source IP\",\"Status\"",
            "\"11/28/2026 6:00:00 AM\",\"integration.sync@example.com\",\"192.0.2.10\",\"Success\"",
            "\"11/28/2026 7:00:00 AM\",\"integration.sync@example.com\",\"192.0.2.10\",\"Success\"",
            "",
            "",
            "\"Login History (last 6 months)\"",
            "\"Copyright © 2000-2026 salesforce.com, inc. All rights reserved.\"",
            "\"Confidential Information - Do Not Distribute\"",
            "\"Generated By:  Admin Ops  11/28/2026 3:10 PM\"",
            "\"Example Corp\"",
            ""));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path, TimeZone: "UTC"));

        Assert.That((result.Counts.Read, result.Counts.Added, result.Counts.Rejected, result.FooterLines), Is.EqualTo((2L, 2L, 0L, 5)));
    }

    [Test]
    public async Task Import_BlankLinesAboveTheHeader_AreSkipped_AndLinesStillCountFromTheTop()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "late-header.csv", string.Join("\n",
            "", ",,,,,,", LoginHeader,
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
            "0Yaxx0000000002,005xx000001Sv7AAAS,yesterday,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1", ""));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Format, Is.EqualTo("sf-loginhistory-api"));
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (5L, "LoginTime") }), "the line as an editor shows it");
    }

    [Test]
    public async Task Import_AReportFooterWithoutABlankLine_IsSetAsideByItsWording()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "tight-footer.csv", string.Join("\r\n",
            "\"Login Time\",\"Username\",\"Source IP\",\"Status\"",
            "\"11/28/2026 6:00:00 AM\",\"integration.sync@example.com\",\"192.0.2.10\",\"Success\"",
            "\"Login History (last 6 months)\"",
            "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"",
            "\"Confidential Information - Do Not Distribute\"",
            "\"Generated By:  Admin Ops  11/28/2026 3:10 PM\"",
            "\"Example Corp\"", ""));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path, TimeZone: "UTC"));

        Assert.That((result.Committed, result.Counts.Added, result.FooterLines), Is.EqualTo((true, 1L, 5)));
    }

    [Test]
    public async Task Import_AOneFieldLastLineWithoutFooterWording_IsACutOffRow()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "cut.csv", LoginHeader + "\n" +
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1\n" +
            "0Yaxx0000000002\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Single().Line, Is.EqualTo(3));
        Assert.That(result.Errors.Single().Reason, Does.Contain("has 1 field where the header has 7"));
    }

    [Test]
    public async Task Import_TruncatedLastLineAndUnclosedQuote_AreRejectedWithTheirLines()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "broken.csv", string.Join("\n",
            LoginHeader,
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1",
            "0Yaxx0000000002,005xx000001Sv7AAAS,2026-11-28T07:00:00.000Z,Partner Product,192.0.2.10,\"Success,AcmeSync/4.2.1",
            "0Yaxx0000000003,005xx000001Sv7AAAS,2026-11-28T08:00:00.000Z,Partner"));

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("sf-loginhistory-api", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Select(e => e.Line), Does.Contain(3L));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_MissingFile_NamesIt()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", Path.Combine(test.Folder, "nope.csv"))),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("nope.csv"));
    }

    [TestCase("")]
    [TestCase("\n\n")]
    public async Task Import_EmptyFile_SaysSo(string content)
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Samples.Write(test, "empty.csv", content);

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", path)),
            Throws.TypeOf<ImportFileException>().With.Message.Contains("empty.csv"));
    }

    [Test]
    public async Task Import_BadTimeZone_IsRefused()
    {
        await using var test = await TestLedger.CreateAsync();

        Assert.That(async () => await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-api.csv"), TimeZone: "Mars/Olympus")),
            Throws.TypeOf<FluentValidation.ValidationException>());
    }

    [Test]
    public async Task Import_Latin1Bytes_AreRefusedNamingLineAndField()
    {
        await using var test = await TestLedger.CreateAsync();
        var good = "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1\n";
        // "Acmé" as Latin-1 writes é as the single byte 0xE9, which is not UTF-8.
        var bytes = System.Text.Encoding.Latin1.GetBytes(LoginHeader + "\n" + good +
            "0Yaxx0000000002,005xx000001Sv7AAAS,2026-11-28T07:00:00.000Z,Partner Product,192.0.2.10,Success,Acmé/4.2.1\n");
        var path = Path.Combine(test.Folder, "latin1.csv");
        await File.WriteAllBytesAsync(path, bytes);

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Rejected, Is.True);
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (3L, "Application") }));
        Assert.That(result.Errors[0].Reason, Does.Contain("UTF-8"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_Utf16WithByteOrderMark_ReadsLikeUtf8()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Path.Combine(test.Folder, "utf16.csv");
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(Samples.Salesforce("elf-api.csv")), System.Text.Encoding.Unicode);

        var fromUtf16 = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));
        var fromUtf8 = await test.Ledger.ImportUsageAsync(new ImportFile("auto", Samples.Salesforce("elf-api.csv")));

        Assert.That(fromUtf16.Committed, Is.True);
        Assert.That(fromUtf16.Counts.Added, Is.GreaterThan(0));
        // The same events, so the second import finds every one already there.
        Assert.That((fromUtf8.Counts.Added, fromUtf8.Counts.Duplicates), Is.EqualTo((0L, fromUtf16.Counts.Added)));
    }

    [Test]
    public async Task Import_BinaryFile_GetsAReadableMessage()
    {
        await using var test = await TestLedger.CreateAsync();
        var path = Path.Combine(test.Folder, "binary.csv");
        await File.WriteAllBytesAsync(path, new byte[4096]);

        var error = Assert.ThrowsAsync<ImportFileException>(async () =>
            await test.Ledger.ImportUsageAsync(new ImportFile("auto", path)));

        Assert.That(error!.Message, Does.Contain("binary.csv, line 1"));
        Assert.That(error.Message.Any(char.IsControl), Is.False);
        Assert.That(error.Message.Length, Is.LessThan(400));
    }

    [Test]
    public async Task Import_AValueOverTheLimit_InAColumnItKeeps_IsRefusedNamingLineAndField()
    {
        await using var test = await TestLedger.CreateAsync();
        var huge = new string('x', 100 * 1024);
        var path = Samples.Write(test, "huge.csv", LoginHeader + "\n" +
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1\n" +
            $"0Yaxx0000000002,005xx000001Sv7AAAS,2026-11-28T06:01:00.000Z,Partner Product,192.0.2.10,Success,\"{huge}\"\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That(result.Rejected, Is.True);
        var error = result.Errors.Single();
        Assert.That((error.Line, error.Field), Is.EqualTo((3L, "Application")));
        Assert.That(error.Reason, Does.Contain("102,400 bytes"));
        Assert.That(await test.Ledger.Db.UsageEvents.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_AValueNearTheRecordLimit_InAColumnItDoesNotKeep_IsReadPastWhole()
    {
        await using var test = await TestLedger.CreateAsync();
        var huge = new string('x', CsvLimits.MaxRecordBytes - 1024);
        var path = Samples.Write(test, "huge.csv", LoginHeader + ",Notes\n" +
            $"0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1,\"{huge}\"\n" +
            "0Yaxx0000000002,005xx000001Sv7AAAS,2026-11-28T06:01:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1,\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That((result.Committed, result.Counts.Added), Is.EqualTo((true, 2L)));
    }

    [Test]
    public async Task Import_ExtraColumnsUpToTheLimit_ReadsTheKnownOnes()
    {
        await using var test = await TestLedger.CreateAsync();
        var extra = Enumerable.Range(1, CsvLimits.MaxColumns - LoginHeader.Split(',').Length).ToList();
        var path = Samples.Write(test, "wide.csv",
            LoginHeader + "," + string.Join(",", extra.Select(i => $"Extra{i}")) + "\n" +
            "0Yaxx0000000001,005xx000001Sv7AAAS,2026-11-28T06:00:00.000Z,Partner Product,192.0.2.10,Success,AcmeSync/4.2.1," +
            string.Join(",", extra.Select(i => i % 2 == 0 ? "" : "x")) + "\n");

        var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

        Assert.That((result.Committed, result.Counts.Added), Is.EqualTo((true, 1L)));
        Assert.That(await test.Ledger.Db.UsageEvents.Select(e => e.Application).SingleAsync(), Is.EqualTo("AcmeSync/4.2.1"));
    }
}
