namespace IntegrationLedger.Web.Pages;

/// <summary>Several values typed into one field, one per line or separated by semicolons (names may hold spaces and commas).</summary>
public static class FormValues
{
    public static List<string> Split(string? text) =>
        [.. (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
