using IntegrationLedger.Cli.Infrastructure;
using Spectre.Console;

namespace IntegrationLedger.Cli.Tests.Commands;

public class CliOutputTests
{
    [Test]
    public void Console_ShowsControlCharactersOfTextBuiltWithoutCliOutput()
    {
        using var written = new StringWriter();
        var output = new CliOutput(new CliEnvironment(TextReader.Null, written, TextWriter.Null, _ => null, TimeProvider.System, OutputIsTerminal: false, UserName: "tester"));

        output.Console.Write(new Text("before\u001b[2Jafter\u202e"));
        output.Console.Write(new Markup("[bold]\u0007[/]"));

        Assert.That(written.ToString(), Is.EqualTo(@"before\u001B[2Jafter\u202E\u0007"));
    }

    [TestCase("Ana Lima", "Ana Lima")]
    [TestCase("tab\there", @"tab\u0009here")]
    [TestCase("two\nlines\r", @"two\u000Alines\u000D")]
    [TestCase("del\u007f c1\u0085", @"del\u007F c1\u0085")]
    [TestCase("\u2066isolate\u2069 \u200fmark", @"\u2066isolate\u2069 \u200Fmark")]
    public void VisibleText_WritesEachControlCharacterAsItsJsonEscape(string text, string shown) =>
        Assert.That(VisibleText.Of(text), Is.EqualTo(shown));
}
