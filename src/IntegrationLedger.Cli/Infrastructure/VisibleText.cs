using System.Globalization;
using System.Text;

namespace IntegrationLedger.Cli.Infrastructure;

/// <summary>
/// Text from the ledger, as a terminal can show it without obeying it. Names and values come from imported
/// files and from whoever typed them, so they may hold ESC (which starts sequences that retitle, recolour or
/// clear a terminal), BEL, a carriage return that draws over what came before, or a bidirectional override
/// that makes a line read in another order than it is written. Each such character is written the way
/// <c>--json</c> writes it, <c>\u001B</c>, so what an officer sees is what the ledger holds.
/// </summary>
internal static class VisibleText
{
    /// <summary>
    /// <paramref name="text"/> with every control character (C0, DEL, C1) and every Unicode bidirectional
    /// control written as <c>\uXXXX</c>; <paramref name="keepLineBreaks"/> leaves <c>\n</c> alone where
    /// the caller's own lines pass through.
    /// </summary>
    public static string Of(string? text, bool keepLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        if (!text.Any(c => MustShow(c, keepLineBreaks)))
            return text;
        var visible = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (MustShow(c, keepLineBreaks))
                visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                visible.Append(c);
        }
        return visible.ToString();
    }

    public static bool MustShow(char c, bool keepLineBreaks = false) =>
        (char.IsControl(c) && !(keepLineBreaks && c == '\n')) || IsBidiControl(c);

    /// <summary>The characters of Unicode's Bidi_Control property: marks, embeddings, overrides and isolates.</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
