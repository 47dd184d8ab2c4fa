using System.Globalization;

namespace IntegrationLedger.Application.Common;

/// <summary>
/// Text that a spreadsheet would run as a formula when the file is opened (CSV injection): it starts with
/// '=', '+', '-' or '@' and is not simply a number. Outputs neutralise such text anyway; inventory
/// templates, which people fill in by hand, refuse it so that it never reaches the ledger.
/// </summary>
public static class SpreadsheetFormula
{
    private static readonly char[] Triggers = ['=', '+', '-', '@'];

    public static bool LooksLikeOne(string text) =>
        text.Length > 1
        && Array.IndexOf(Triggers, text[0]) >= 0
        && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
