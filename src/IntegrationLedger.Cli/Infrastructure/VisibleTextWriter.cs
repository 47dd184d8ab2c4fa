using System.Text;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Standard error as <see cref="VisibleText"/> writes it. Messages there echo what was typed or read (a file
/// name, a value, a row's field), and nothing on standard error is styled, so every character but the line
/// break is shown rather than obeyed.
/// </summary>
internal sealed class VisibleTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (VisibleText.MustShow(value, keepLineBreaks: true))
            inner.Write(VisibleText.Of(value.ToString()));
        else
            inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(VisibleText.Of(value, keepLineBreaks: true));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(VisibleText.Of(value, keepLineBreaks: true));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
