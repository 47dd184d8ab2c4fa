using System.Net;
using System.Net.Sockets;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// <c>ledger serve</c> that cannot start, through the real process: one sentence and the documented exit code,
/// no stack trace from the host's log. A mistyped address is bad input (2); a port another program holds is
/// the machine's state (1), as a busy ledger is.
/// </summary>
[Category(TestProcess.Category)]
public class ServeStartFailureTests
{
    private static readonly TimeSpan TimeAllowed = TimeSpan.FromSeconds(60);

    private CliRunner _cli = null!;

    [SetUp]
    public async Task CreateLedger() => _cli = await CliRunner.WithLedgerAsync();

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    private async Task<ProcessResult> ServeAsync(string urls)
    {
        var run = await MeasuredLedger.RunAsync(TimeAllowed, _cli.DatabasePath, "serve", "--urls", urls);
        Assert.That(run.TimedOut, Is.False, $"it should stop at once, not serve: {run}");
        Assert.That(run.Result.Output, Does.Not.Contain("   at ").And.Not.Contain("fail:").And.Not.Contain("Exception"), run.ToString());
        return run.Result;
    }

    [TestCase("notaurl")]
    [TestCase("ftp://127.0.0.1:2121")]
    public async Task Serve_AnAddressThatIsNotOne_ExitsTwoNamingIt(string urls)
    {
        var result = await ServeAsync(urls);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain($"--urls '{urls}' is not an address to listen on"));
        Assert.That(result.Out, Does.Not.Contain("Serving"), "refused before anything started");
    }

    [Test]
    public async Task Serve_OnAPortInUse_ExitsOneInOneSentence()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var result = await ServeAsync(url);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Unexpected), result.ToString());
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(url).And.Contain("address already in use"));
    }
}
