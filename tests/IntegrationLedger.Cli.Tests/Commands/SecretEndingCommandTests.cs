using IntegrationLedger.Cli.Tests.Support;

namespace IntegrationLedger.Cli.Tests.Commands;

/// <summary>Of a short secret, the command line shows no end at all: not when adding, showing, listing or exporting it.</summary>
public class SecretEndingCommandTests
{
    [Test]
    public async Task TokenAdd_EightCharacterSecret_ShowsAndExportsNoneOfItsEnd()
    {
        const string secret = "Zq7mK2pA";
        using var cli = await CliRunner.WithLedgerAsync();
        await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");
        var exportPath = Path.Combine(cli.Folder, "tokens.csv");

        var add = await cli.LedgerWithInputAsync(secret, "token", "add", "--label", "crm-password", "--kind", "integration-password",
            "--owner", "ana@example.com", "--secret-stdin");
        var show = await cli.LedgerAsync("token", "show", "crm-password");
        var list = await cli.LedgerAsync("token", "list", "--json");
        var export = await cli.LedgerAsync("export", "tokens", "--format", "csv", "--out", exportPath);

        Assert.That(add.ExitCode + show.ExitCode + list.ExitCode + export.ExitCode, Is.Zero, $"{add}\n{show}\n{list}\n{export}");
        Assert.That(add.Out, Does.Contain("fingerprinted (too short to show its end)"));
        Assert.That(show.Out, Does.Contain("fingerprinted (too short to show its end)"));
        Assert.That(list.Json[0].GetProperty("lastFour").GetString(), Is.Empty);
        foreach (var printed in new[] { add.Out, show.Out, list.Out, File.ReadAllText(exportPath) })
            Assert.That(printed, Does.Not.Contain(secret[^4..]).And.Not.Contain("ends …"));
        Assert.That(cli.ScalarRawText("SELECT LastFour FROM Tokens"), Is.Empty);
    }

    [Test]
    public async Task TokenAdd_LongSecret_StillShowsItsLastFour()
    {
        using var cli = await CliRunner.WithLedgerAsync();
        await cli.LedgerAsync("person", "add", "--email", "ana@example.com", "--name", "Ana Lima");

        var add = await cli.LedgerWithInputAsync("hX9vQ2LmT7pR4sW8nK3bZ6cY", "token", "add", "--label", "etl-token",
            "--kind", "salesforce-security-token", "--owner", "ana@example.com", "--secret-stdin");

        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        Assert.That(add.Out, Does.Contain("fingerprinted (ends …Z6cY)"));
    }
}
