using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Integrations;
using IntegrationLedger.Application.Features.People;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Application.Common.Security;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// The web application on the framework's test server, over a real ledger in a temporary folder that holds
/// one person, one integration, one token, and an account of each role (all with <see cref="Password"/>).
/// </summary>
public sealed class WebLedger : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public const string Admin = "admin@example.com";
    public const string Officer = "officer@example.com";
    public const string Auditor = "auditor@example.com";
    public const string Token = "etl-token";
    public const string Integration = "Nightly ETL";

    private WebLedger(string folder, FakeTimeProvider clock, WebApplication app)
    {
        Folder = folder;
        Clock = clock;
        App = app;
    }

    public string Folder { get; }
    public string DatabasePath => Path.Combine(Folder, "ledger.db");
    public FakeTimeProvider Clock { get; }
    public WebApplication App { get; }

    /// <summary>Where a browser reaches the server started <c>overTheNetwork</c>.</summary>
    public string BaseUrl => App.Urls.First();

    /// <param name="overTheNetwork">A real Kestrel server on a free local port, for a browser; otherwise the in-memory test server.</param>
    /// <param name="adjust">Changes to the web options (trusted proxies, say) before the server starts.</param>
    /// <param name="configure">Changes to the host (a certificate for HTTPS, say) before it is built.</param>
    /// <remarks>
    /// The ledger is a copy of one set up once per test run (at <see cref="TestClock.WebStart"/>, by "setup"),
    /// so neither the migrations nor the accounts' password hashing run again for each test.
    /// </remarks>
    /// <param name="seed">More of a ledger than the one person, integration and token (lists to page through, say), made once per test run as its own template.</param>
    public static async Task<WebLedger> StartAsync(bool overTheNetwork = false, TimeSpan? busyTimeout = null,
        Func<LedgerWebOptions, LedgerWebOptions>? adjust = null, Action<WebApplicationBuilder>? configure = null, LedgerSeed? seed = null)
    {
        var folder = Directory.CreateTempSubdirectory("ledger-web-test-").FullName;
        var clock = TestClock.Create(TestClock.WebStart);
        if (seed is null)
            await LedgerTemplates.CopyAsync("web", MakeTemplateAsync, Path.Combine(folder, "ledger.db"));
        else
            await LedgerTemplates.CopyAsync("web-" + seed.Name, async path => { await MakeTemplateAsync(path); await seed.AddAsync(path); }, Path.Combine(folder, "ledger.db"));
        var options = new LedgerWebOptions(Path.Combine(folder, "ledger.db"), clock) { BusyTimeout = busyTimeout };
        options = adjust?.Invoke(options) ?? options;
        var app = overTheNetwork
            ? LedgerWebApp.Build(options, ["http://127.0.0.1:0"], configure)
            : LedgerWebApp.Build(options, configure: builder =>
            {
                builder.WebHost.UseTestServer();
                configure?.Invoke(builder);
            });
        await app.StartAsync();
        return new WebLedger(folder, clock, app);
    }

    private static async Task MakeTemplateAsync(string databasePath)
    {
        await using var ledger = await Ledger.InitializeAsync(new LedgerOptions(databasePath, "setup", TestClock.Create(TestClock.WebStart)));
        await new AddPersonHandler(ledger).HandleAsync(new AddPerson("ana@example.com", "Ana Lima", "Data"));
        await new AddIntegrationHandler(ledger).HandleAsync(new AddIntegration(Integration, "Acme", "ana@example.com", "Exports", null, NetworkTrust.Untrusted, [], []));
        await new AddTokenHandler(ledger).HandleAsync(new AddToken(Token, TokenKind.ApiKey, "ana@example.com", Secret: Secret.Parse("first-secret-value-0001")));
        foreach (var (email, role) in new[] { (Admin, UserRole.Admin), (Officer, UserRole.Officer), (Auditor, UserRole.Auditor) })
            await new AddUserHandler(ledger).HandleAsync(new AddUser(email, role, Password));
    }

    /// <summary>
    /// A browser-like client: it keeps cookies and does not follow redirects, so tests see them. Over the
    /// network it speaks to the real server through a socket.
    /// </summary>
    /// <param name="serverCertificate">For HTTPS: the certificate the test gave the server, trusted as a browser trusts a known one.</param>
    public HttpClient Client(X509Certificate2? serverCertificate = null)
    {
        if (App.Services.GetRequiredService<IServer>() is TestServer testServer)
            return new HttpClient(new CookieHandler(testServer.CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        var socket = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || certificate?.GetCertHashString() == serverCertificate?.GetCertHashString() },
        };
        return new HttpClient(new CookieHandler(socket)) { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>
    /// A client of the server started <c>overTheNetwork</c>, connecting from <paramref name="fromAddress"/> (any
    /// address of 127.0.0.0/8 is this machine), so the server sees each client's own address as it would see
    /// different people's. It keeps cookies and does not follow redirects, as <see cref="Client"/>.
    /// </summary>
    public HttpClient NetworkClient(string fromAddress = "127.0.0.1")
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>A client of the server started <c>overTheNetwork</c>, signed in as <paramref name="email"/> from <paramref name="fromAddress"/>.</summary>
    public async Task<HttpClient> SignedInOverTheNetworkAsync(string email, string fromAddress = "127.0.0.1")
    {
        var client = NetworkClient(fromAddress);
        var response = await SignInAsync(client, email, Password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Client();
        var response = await SignInAsync(client, email, Password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/signin", "/signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Posts a form the way a browser would: with the antiforgery token from the page it was on.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(await client.GetStringAsync(pageUrl));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token a page's forms carry, as a browser would send it back.</summary>
    public static string AntiforgeryToken(string page) => Field(page, "__RequestVerificationToken");

    /// <summary>The value of the first input named <paramref name="name"/> on a page (hidden or not).</summary>
    public static string Field(string page, string name)
    {
        var value = Html(page).QuerySelectorAll("input").FirstOrDefault(i => i.GetAttribute("name") == name)?.GetAttribute("value");
        Assert.That(value, Is.Not.Null, $"the page has a field {name}");
        return value!;
    }

    /// <summary>Where the first link whose text contains <paramref name="text"/> goes, as a browser would follow it.</summary>
    public static string Link(string page, string text)
    {
        var href = Html(page).QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Contains(text, StringComparison.Ordinal))?.GetAttribute("href");
        Assert.That(href, Is.Not.Null, $"the page has a link '{text}'");
        return href!;
    }

    /// <summary>The text of each body row's cells in the table captioned (or labelled) <paramref name="caption"/>.</summary>
    public static IReadOnlyList<string[]> TableRows(string page, string caption)
    {
        var table = Html(page).QuerySelectorAll("table").FirstOrDefault(t => t.QuerySelector("caption")?.TextContent.StartsWith(caption, StringComparison.Ordinal) == true);
        Assert.That(table, Is.Not.Null, $"the page has a table '{caption}'");
        return table!.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToArray()).ToList();
    }

    /// <summary>A page as a browser's DOM, to read what it shows rather than how its markup happens to be spelled.</summary>
    public static IDocument Html(string page) => new HtmlParser().ParseDocument(page);

    /// <summary>A number read straight from the ledger's file.</summary>
    public long Scalar(string sql) => RawSql.Scalar(DatabasePath, sql);

    /// <summary>A text read straight from the ledger's file.</summary>
    public string? Text(string sql) => RawSql.ScalarText(DatabasePath, sql);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Keeps the cookies the server sets, as a browser does.</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = _cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                    _cookies.SetCookies(request.RequestUri!, value);
            }
            return response;
        }
    }
}
