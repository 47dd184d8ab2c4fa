using CsCheck;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Tests.Features.Importing;

/// <summary>
/// Generated files, not hand-picked ones: whatever text a field holds, once quoted as CSV it comes back from
/// the ledger as written (trimmed); a file cut off at any byte changes nothing or imports only whole rows;
/// and a real export damaged at random is imported or refused with a message, never with a crash.
/// </summary>
[Category("Property")]
public class ImportPropertyTests
{
    private const string LoginHeader = Samples.LoginHistoryHeader;

    /// <summary>Pieces that trouble CSV readers: separators, quotes, line breaks, and text beyond ASCII.</summary>
    private static readonly Gen<string> AwkwardText =
        Gen.OneOf<string>("a", "Z", "7", " ", ",", "\"", "\"\"", "\n", "\r\n", ";", "'", "é", "€", "日本", "😀", "\t")
            .Array[0, 12]
            .Select(string.Concat);

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string LoginRow(int index, string application) =>
        $"0Yaxx{index:D10},005xx000001Sv7AAAS,2026-11-28T{index % 24:D2}:00:00.000Z,Partner Product,192.0.2.10,Success,{Quoted(application)}";

    [Test]
    public async Task AnyQuotedFieldText_ComesBackAsWritten()
    {
        await AwkwardText.Array[1, 8].SampleAsync(async applications =>
        {
            await using var test = await TestLedger.CreateAsync();
            var path = Samples.Write(test, "logins.csv",
                LoginHeader + "\r\n" + string.Join("\r\n", applications.Select((a, i) => LoginRow(i + 1, a))) + "\r\n");

            var result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));

            Assert.That(result.Committed, Is.True, string.Join("; ", result.Errors.Select(e => $"{e.Line} {e.Field} {e.Reason}")));
            var stored = await test.Ledger.Db.UsageEvents.OrderBy(e => e.OccurredAt).Select(e => e.Application).ToListAsync();
            var expected = applications.Select(a => string.IsNullOrWhiteSpace(a) ? null : a.Trim());
            Assert.That(stored, Is.EqualTo(expected));
        }, iter: 40);
    }

    [Test]
    public async Task FileCutOffAtAnyByte_IsRefusedWholeOrKeepsOnlyRowsItHolds()
    {
        var files = Gen.Select(AwkwardText.Array[1, 6], Gen.Double[0.0, 1.0]);
        await files.SampleAsync(async (applications, cutAt) =>
        {
            await using var test = await TestLedger.CreateAsync();
            var whole = System.Text.Encoding.UTF8.GetBytes(
                LoginHeader + "\r\n" + string.Join("\r\n", applications.Select((a, i) => LoginRow(i + 1, a))) + "\r\n");
            var headerLength = LoginHeader.Length + 2;
            var cut = headerLength + (int)((whole.Length - headerLength) * cutAt);
            var path = Path.Combine(test.Folder, "cut.csv");
            await File.WriteAllBytesAsync(path, whole[..cut]);

            UsageImportResult? result = null;
            try
            {
                result = await test.Ledger.ImportUsageAsync(new ImportFile("auto", path));
            }
            catch (ImportFileException exception) when (exception.Message.Contains("no rows", StringComparison.Ordinal))
            {
                // Cut right after the header: refused as a whole.
            }

            var stored = await test.Ledger.Db.UsageEvents.OrderBy(e => e.OccurredAt).Select(e => e.Application).ToListAsync();
            if (result is null || result.Rejected)
            {
                Assert.That(stored, Is.Empty, "a refused file changes nothing");
                Assert.That(result is null || result.Errors.Count > 0, "a refused file says why");
                return;
            }
            // A cut just before a doubled quote leaves a row that is well-formed CSV, so the last row may hold
            // less than was written; every row before it must be exact.
            var expected = applications.Select(a => string.IsNullOrWhiteSpace(a) ? null : a.Trim()).Take(stored.Count).ToList();
            Assert.That(stored, Has.Count.LessThanOrEqualTo(applications.Length));
            Assert.That(stored.SkipLast(1), Is.EqualTo(expected.SkipLast(1)));
        }, iter: 60);
    }

    /// <summary>Real sample exports of every kind, to be mutated.</summary>
    private static readonly string[] SampleFiles =
        [.. new[] { "salesforce", "inventory" }.SelectMany(folder => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", folder), "*.csv")).Order(StringComparer.Ordinal)];

    /// <summary>Damage a file might come with: bytes changed, inserted, dropped or repeated, and CSV's own syntax in odd places.</summary>
    private static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.OneOf(
        Gen.Select(Gen.Double[0, 1], Gen.Byte, (at, value) => (Func<byte[], byte[]>)(bytes => Replace(bytes, at, value))),
        Gen.Select(Gen.Double[0, 1], Gen.OneOf<byte>((byte)'"', (byte)',', (byte)'\n', (byte)'\r', 0, 0xC3, 0xFF), (at, value) => (Func<byte[], byte[]>)(bytes => Insert(bytes, at, [value]))),
        Gen.Select(Gen.Double[0, 1], Gen.Int[1, 64], (at, length) => (Func<byte[], byte[]>)(bytes => Drop(bytes, at, length))),
        Gen.Select(Gen.Double[0, 1], Gen.Int[1, 200], (at, length) => (Func<byte[], byte[]>)(bytes => Repeat(bytes, at, length))));

    private static int Offset(byte[] bytes, double at) => Math.Min(bytes.Length, (int)(bytes.Length * at));
    private static byte[] Replace(byte[] bytes, double at, byte value) { var copy = (byte[])bytes.Clone(); if (copy.Length > 0) copy[Math.Min(copy.Length - 1, Offset(copy, at))] = value; return copy; }
    private static byte[] Insert(byte[] bytes, double at, byte[] extra) => [.. bytes[..Offset(bytes, at)], .. extra, .. bytes[Offset(bytes, at)..]];
    private static byte[] Drop(byte[] bytes, double at, int length) { var from = Offset(bytes, at); return [.. bytes[..from], .. bytes[Math.Min(bytes.Length, from + length)..]]; }
    private static byte[] Repeat(byte[] bytes, double at, int length) { var from = Offset(bytes, at); var to = Math.Min(bytes.Length, from + length); return Insert(bytes, (double)to / Math.Max(1, bytes.Length), bytes[from..to]); }

    [Test]
    public async Task MutatedExports_AreImportedOrRefusedCleanly_NeverWithAnUnhandledException()
    {
        var cases = Gen.Select(Gen.Int[0, SampleFiles.Length - 1], Mutation.Array[1, 5]);
        await cases.SampleAsync(async (sample, mutations) =>
        {
            await using var test = await TestLedger.CreateAsync();
            var bytes = mutations.Aggregate(await File.ReadAllBytesAsync(SampleFiles[sample]), (file, mutate) => mutate(file));
            var path = Path.Combine(test.Folder, Path.GetFileName(SampleFiles[sample]));
            await File.WriteAllBytesAsync(path, bytes);

            var auditBefore = await test.Ledger.Db.AuditEntries.CountAsync();
            (bool Refused, long Added)? outcome = null;
            try
            {
                // Whichever importer the damaged header still points at, as `ledger import auto` chooses. The zone
                // lets the Setup download's local times through, so more of the file is exercised.
                var result = await new ImportFileHandler(test.Ledger).HandleAsync(new ImportFile(ImportFormats.Auto, path, TimeZone: "UTC"));
                outcome = (result.Rejected, result.Usage?.Counts.Added ?? result.Access?.Counts.Recorded ?? result.Inventory!.Counts.Created + result.Inventory.Counts.Updated);
            }
            catch (ImportFileException exception)
            {
                Assert.That(exception.Message, Does.StartWith(path), "a refusal names the file");
            }

            var stored = await test.Ledger.Db.UsageEvents.CountAsync() + await test.Ledger.Db.People.CountAsync() + await test.Ledger.Db.Integrations.CountAsync()
                + await test.Ledger.Db.AccessSnapshots.CountAsync() + await test.Ledger.Db.ConnectedApps.CountAsync();
            if (outcome is not { Refused: false } imported)
            {
                Assert.That(stored, Is.Zero, "a refused file changes nothing");
                Assert.That(await test.Ledger.Db.AuditEntries.CountAsync(), Is.EqualTo(auditBefore));
            }
            else if (imported.Added > 0)
            {
                Assert.That(stored, Is.GreaterThan(0));
            }
        }, iter: 150);
    }
}
