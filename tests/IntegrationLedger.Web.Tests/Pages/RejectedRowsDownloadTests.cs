using System.Net;
using System.Text;
using IntegrationLedger.Web.Hosting;
using IntegrationLedger.Web.Tests.Support;

namespace IntegrationLedger.Web.Tests.Pages;

/// <summary>
/// The rejected rows of an import check wait to be downloaded: by the account that made the check only, and
/// for an hour only. Through a real server, with the test clock.
/// </summary>
public class RejectedRowsDownloadTests
{
    private const string Header = "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS";

    private WebLedger _web = null!;

    [SetUp]
    public async Task Start() => _web = await WebLedger.StartAsync(overTheNetwork: true);

    [TearDown]
    public async Task Stop() => await _web.DisposeAsync();

    private string Downloads => _web.DatabasePath + ".downloads";

    /// <summary>Checks a file with more bad rows than the page shows, and returns the page's link to all of them.</summary>
    private static async Task<string> CheckManyBadRowsAsync(HttpClient officer)
    {
        var rows = Enumerable.Range(1, 1005).Select(i => $"Login,not-a-time,r{i},005xx000001Sv7A,sync@example.com,192.0.2.10,LOGIN_NO_ERROR");
        var page = await officer.GetStringAsync("/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebLedger.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("auto"), "CheckFiles.Format" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n")), "CheckFiles.Files", "many-bad.csv" },
        };
        var checkedPage = await (await officer.PostAsync("/import?handler=Check", form)).Content.ReadAsStringAsync();
        return WebLedger.Link(checkedPage, "Download all 1005 problems");
    }

    [Test]
    public async Task AnotherAccount_WithTheLink_GetsNotFound_AndTheOwnerStillGetsTheFile()
    {
        var officer = await _web.SignedInOverTheNetworkAsync(WebLedger.Officer);
        var link = await CheckManyBadRowsAsync(officer);

        foreach (var other in new[] { WebLedger.Auditor, WebLedger.Admin })
        {
            var response = await (await _web.SignedInOverTheNetworkAsync(other)).GetAsync(link);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{other}: 404, as for an id that does not exist, not 403");
        }

        var mine = await officer.GetAsync(link);
        Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await mine.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 1005));
    }

    [Test]
    public async Task AfterAnHour_TheLinkIsNotFound_AndTheFileIsGone()
    {
        var officer = await _web.SignedInOverTheNetworkAsync(WebLedger.Officer);
        var link = await CheckManyBadRowsAsync(officer);
        Assert.That(Directory.GetFiles(Downloads, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1));

        _web.Clock.Advance(DownloadFolder.KeptFor - TimeSpan.FromSeconds(1));
        Assert.That(Directory.GetFiles(Downloads, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "still there just before the hour");
        // Far enough past the hour for the link to have expired, not enough for the periodic sweep to have run.
        _web.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That((await officer.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Directory.GetFiles(Downloads, "*", SearchOption.AllDirectories), Is.Empty, "removed on the request that found it expired");
    }

    [Test]
    public async Task AFileNobodyFetches_IsSweptAway_WhileTheServerRuns()
    {
        var officer = await _web.SignedInOverTheNetworkAsync(WebLedger.Officer);
        await CheckManyBadRowsAsync(officer);

        _web.Clock.Advance(DownloadFolder.KeptFor + Housekeeping.Every);

        Assert.That(await EventuallyAsync(() => Directory.GetFiles(Downloads, "*", SearchOption.AllDirectories).Length == 0), Is.True, "the periodic sweep removed it");
    }

    [Test]
    public async Task AFileLeftByAnEarlierRun_IsSweptAway_WhenTheServerStarts()
    {
        var officer = await _web.SignedInOverTheNetworkAsync(WebLedger.Officer);
        await CheckManyBadRowsAsync(officer);
        await _web.App.StopAsync();
        _web.Clock.Advance(DownloadFolder.KeptFor);

        await using var next = LedgerWebApp.Build(new LedgerWebOptions(_web.DatabasePath, _web.Clock), ["http://127.0.0.1:0"]);
        await next.StartAsync();

        Assert.That(Directory.GetFiles(Downloads, "*", SearchOption.AllDirectories), Is.Empty, "swept before the server took a request");
        await next.StopAsync();
    }

    [Test]
    public async Task EachAccountsFiles_AreInAFolderOfItsOwn_ThatOnlyTheServersUserCanRead()
    {
        var officer = await _web.SignedInOverTheNetworkAsync(WebLedger.Officer);
        await CheckManyBadRowsAsync(officer);

        var auditor = await _web.SignedInOverTheNetworkAsync(WebLedger.Auditor);
        await auditor.GetAsync("/reports?handler=Export&table=tokens&format=Csv");

        Assert.That(Directory.GetDirectories(Downloads), Has.Length.EqualTo(2), "one folder per account");
        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in Directory.GetDirectories(Downloads).Prepend(Downloads))
                Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), folder);
        }
    }

    /// <summary>Waits up to 10 s for work that a timer on the test clock started in the background.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var waited = 0; waited < 10_000; waited += 10)
        {
            if (condition())
                return true;
            await Task.Delay(10);
        }
        return condition();
    }
}
