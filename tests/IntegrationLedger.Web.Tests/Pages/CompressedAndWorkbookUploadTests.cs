using System.IO.Compression;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The import page takes files as they arrive: a gzip or a zip of one CSV, and a workbook of templates,
/// checked and imported by the same use case as <c>ledger import</c>, with a bad row of a sheet shown by
/// its row and column. Through the real application over a real ledger.
/// </summary>
public class CompressedAndWorkbookUploadTests
{
    private const string ElfHeader = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync();

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private static byte[] Elf(int rows) => Encoding.UTF8.GetBytes(
        ElfHeader + "\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"Login,2026110100{i:D2}00.000,req-{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR\n")));

    private static async Task<string> CheckAsync(HttpClient client, string name, byte[] content)
    {
        var page = await client.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("auto"), "CheckFiles.Format" },
            { new StringContent(""), "CheckFiles.TimeZone" },
            { new ByteArrayContent(content), "CheckFiles.Files", name },
        };
        var response = await client.PostAsync("/import?handler=Check", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static string Section(string page, string fileName) =>
        WebLedger.Html(page).QuerySelectorAll("section").Single(s => s.GetAttribute("aria-label") == fileName).TextContent;

    [Test]
    public async Task TheFileInput_OffersCompressedFilesAndWorkbooks_AndSaysSo()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);

        var page = WebLedger.Html(await client.GetStringAsync("/import"));

        var accept = page.QuerySelector("input[type=file]")!.GetAttribute("accept")!;
        Assert.That(accept.Split(','), Is.SupersetOf(new[] { ".csv", ".gz", ".zip", ".xlsx" }));
        Assert.That(page.QuerySelector("label[for='CheckFiles_Files']")!.TextContent, Does.Contain("gzipped (.gz)").And.Contain(".zip").And.Contain(".xlsx"));
    }

    [Test]
    public async Task AGzipAndAZip_AreCheckedAndImportedLikeThePlainFile()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Elf(3));
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("day-2.csv").Open();
            entry.Write(Elf(4));
        }

        var gzipPage = await CheckAsync(client, "day-1.csv.gz", gzipped.ToArray());
        var zipPage = await CheckAsync(client, "day-2.zip", zipped.ToArray());

        Assert.That(Section(gzipPage, "day-1.csv.gz"), Does.Contain("day-1.csv.gz as sf-elf").And.Contain("read 3, would add 3"));
        Assert.That(Section(zipPage, "day-2.zip"), Does.Contain("day-2.csv from day-2.zip as sf-elf").And.Contain("read 4, would add 4, duplicates 0"));
    }

    [Test]
    public async Task AWorkbookWithABadRow_ShowsItsRowAndColumn_AndImportsNothing()
    {
        var client = await _web.SignedInAsync(WebLedger.Officer);
        using var book = new XLWorkbook();
        var people = book.AddWorksheet("People");
        people.Cell(1, 1).Value = "email";
        people.Cell(1, 2).Value = "name";
        people.Cell(2, 1).Value = "ana@example.com";
        people.Cell(2, 2).Value = "Ana Lima";
        people.Cell(3, 1).Value = "not an address";
        people.Cell(3, 2).Value = "Nobody";
        using var saved = new MemoryStream();
        book.SaveAs(saved);
        var peopleBefore = _web.Scalar("SELECT count(*) FROM People");

        var page = await CheckAsync(client, "people.xlsx", saved.ToArray());

        var table = WebLedger.Html(page).QuerySelector("section table")!;
        Assert.That(table.QuerySelector("caption")!.TextContent, Does.Contain("Rejected rows of sheet People of people.xlsx"));
        Assert.That(table.QuerySelectorAll("th").Select(th => th.TextContent), Is.EqualTo(new[] { "Row", "Column", "Problem" }));
        Assert.That(table.QuerySelectorAll("tbody td").Take(2).Select(td => td.TextContent), Is.EqualTo(new[] { "3", "email" }));
        Assert.That(_web.Scalar("SELECT count(*) FROM People"), Is.EqualTo(peopleBefore));
    }
}
