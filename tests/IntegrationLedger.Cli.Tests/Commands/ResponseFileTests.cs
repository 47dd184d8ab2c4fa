using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>
/// An argument that begins with <c>@</c> is a value like any other, never the name of a file whose lines
/// become arguments: a file cannot inject options, and its content never reaches the output.
/// </summary>
public class ResponseFileTests
{
    private const string SecretLine = "root:$6$Wb3sQe9z$notarealhashbutasecretline:20000:0:99999:7:::";

    private CliRunner _cli = null!;
    private string _file = null!;

    [SetUp]
    public async Task CreateLedger()
    {
        _cli = await CliRunner.WithLedgerAsync();
        _file = Path.Combine(_cli.Folder, "shadow");
        File.WriteAllLines(_file, ["--help", SecretLine, "--department", "Injected"]);
    }

    [TearDown]
    public void RemoveLedger() => _cli.Dispose();

    [Test]
    public async Task PersonAdd_NameStartingWithAt_IsTakenLiterally()
    {
        var add = await _cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "@" + _file);
        var person = await _cli.LedgerAsync("person", "show", "ana@example.com", "--json");

        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        Assert.That(person.Json.GetProperty("person").GetProperty("name").GetString(), Is.EqualTo("@" + _file));
        Assert.That(person.Json.GetProperty("person").GetProperty("department").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null),
            "no option came out of the file");
        Assert.That(add.Out + add.Error + person.Out, Does.Not.Contain(SecretLine).And.Not.Contain("Injected"));
    }

    [Test]
    public async Task BadValueStartingWithAt_IsNamedWithoutPrintingTheFile()
    {
        var result = await _cli.LedgerAsync("audit", "log", "--since", "@" + _file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.ToString());
        Assert.That(result.Error, Does.Contain("@" + _file));
        Assert.That(result.Out + result.Error, Does.Not.Contain(SecretLine).And.Not.Contain("Usage:"));
    }

    [Test]
    public async Task MissingFileAfterAt_IsAnOrdinaryValue()
    {
        var add = await _cli.LedgerAsync("person", "add", "--email", "bo@example.com", "--name", "@no-such-file");

        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        Assert.That((await _cli.LedgerAsync("person", "show", "bo@example.com", "--json")).Json.GetProperty("person").GetProperty("name").GetString(),
            Is.EqualTo("@no-such-file"));
    }
}
