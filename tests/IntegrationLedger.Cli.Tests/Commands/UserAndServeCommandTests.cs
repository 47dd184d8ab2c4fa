using System.Net;
using System.Net.Sockets;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>Web accounts from the command line, and `ledger serve` answering on the address it was given.</summary>
public class UserAndServeCommandTests
{
    private const string Passphrase = "correct horse battery staple";

    private static Task<CliRunner> LedgerAsync() => CliRunner.WithLedgerAsync();

    [Test]
    public async Task UserAdd_ReadsThePasswordFromStandardInput_AndListsTheAccountWithoutIt()
    {
        using var cli = await LedgerAsync();

        var added = await cli.LedgerWithInputAsync(Passphrase + "\n", "user", "add", "Ana@Example.com", "--role", "officer");
        var list = await cli.LedgerAsync("user", "list", "--json");

        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(added.Out, Does.Contain("Added officer account ana@example.com"));
        Assert.That(list.Json[0].GetProperty("email").GetString(), Is.EqualTo("ana@example.com"));
        Assert.That(list.Out, Does.Not.Contain("AQAAAA").And.Not.Contain(Passphrase), "neither the password nor its hash is shown");
        Assert.That((await cli.LedgerAsync("audit", "log", "--json")).Out, Does.Not.Contain(Passphrase));
    }

    [TestCase("", "standard input")]
    [TestCase("short\n", "12 characters")]
    public async Task UserAdd_WithoutAUsablePassword_ExitsTwo(string input, string mentioned)
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerWithInputAsync(input, "user", "add", "ana@example.com", "--role", "auditor");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain(mentioned));
        Assert.That((await cli.LedgerAsync("user", "list", "--json")).Json.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task UserAdd_Twice_IsRefused()
    {
        using var cli = await LedgerAsync();
        await cli.LedgerWithInputAsync(Passphrase, "user", "add", "ana@example.com", "--role", "auditor");

        var again = await cli.LedgerWithInputAsync(Passphrase, "user", "add", "ana@example.com", "--role", "admin");

        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(again.Error, Does.Contain("already exists"));
    }

    [Test]
    public async Task UserDisableAndEnable_ShowInTheList()
    {
        using var cli = await LedgerAsync();
        await cli.LedgerWithInputAsync(Passphrase, "user", "add", "ana@example.com", "--role", "officer");

        var disabled = await cli.LedgerAsync("user", "disable", "ana@example.com");
        var listed = (await cli.LedgerAsync("user", "list", "--json")).Json[0];
        var enabled = await cli.LedgerAsync("user", "enable", "ana@example.com");

        Assert.That(disabled.Out, Does.Contain("ana@example.com is disabled"));
        Assert.That(listed.GetProperty("disabledAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));
        Assert.That(enabled.Out, Does.Contain("can sign in again"));
        Assert.That((await cli.LedgerAsync("user", "enable", "ana@example.com")).ExitCode, Is.EqualTo(ExitCodes.BadInput), "already enabled");
    }

    [TestCase("proxy.example.com")]
    [TestCase("10.0.0.0/99")]
    public async Task Serve_WithATrustedProxyThatIsNoAddress_ExitsTwo_NamingIt(string proxy)
    {
        using var cli = await LedgerAsync();

        var result = await cli.LedgerAsync("serve", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", proxy);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"--trusted-proxy '{proxy}' is not an IP address or a network"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    [Category(TestProcess.Category)]
    public async Task Serve_AnswersOnItsAddress_AndSaysHowToCreateTheFirstAdmin()
    {
        using var cli = await LedgerAsync();
        var port = FreePort();
        using var server = TestProcess.StartLedger(cli.DatabasePath, "serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            var firstLines = new List<string>();
            while (firstLines.Count < 3 && await server.StandardOutput.ReadLineAsync() is { } line)
                firstLines.Add(line);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 100 && response is null; attempt++)
            {
                try
                {
                    response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/signin"));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.That(string.Join("\n", firstLines), Does.Contain("No admin account yet").And.Contain("user add you@example.com --role admin"));
            Assert.That(response?.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response!.Content.ReadAsStringAsync(), Does.Contain("<h1>Sign in</h1>"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
