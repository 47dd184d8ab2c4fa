using Microsoft.AspNetCore.Http;

namespace IntegrationLedger.Web.Pages;

/// <summary>Which field of a posted form a use case's refusal is about, so the page can show it beside that field.</summary>
public static class FormFields
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>
    /// The posted field for a validator's <paramref name="property"/> (the form's inputs are named after the
    /// request's properties: <c>Add.Owner</c> for <c>Owner</c>). A lookup's refusal names no property but
    /// quotes what was typed ("No person with email 'gus@example.com'..."), so the field whose value the
    /// message holds is the one it is about. Empty, a refusal of the form as a whole, when neither finds one.
    /// </summary>
    public static string KeyFor(IFormCollection form, string? property, string message, Func<string, bool> isField)
    {
        var fields = form.Keys.Where(k => k != AntiforgeryField).ToList();
        if (!string.IsNullOrEmpty(property))
        {
            if (fields.FirstOrDefault(k => Name(k).Equals(property, StringComparison.OrdinalIgnoreCase)) is { } named)
                return named;
            // A request's property may say more than the form's field: OwnerEmail for Owner.
            if (fields.Where(k => Name(k).Length > 0 && property.StartsWith(Name(k), StringComparison.OrdinalIgnoreCase)).MaxBy(k => Name(k).Length) is { } shorter)
                return shorter;
            // Not sent at all (a group of radio buttons none of which was chosen): the field of that name in the same form.
            if (fields.FirstOrDefault(k => k.Contains('.', StringComparison.Ordinal)) is { } sibling
                && sibling[..(sibling.LastIndexOf('.') + 1)] + property is var unsent && isField(unsent))
                return unsent;
        }
        return fields.FirstOrDefault(k => form[k].ToString().Trim() is { Length: > 1 } typed && !bool.TryParse(typed, out _) && message.Contains(typed, StringComparison.OrdinalIgnoreCase)) ?? "";
    }

    /// <summary>A field's own name, without the form's prefix: <c>Owner</c> of <c>Add.Owner</c>.</summary>
    private static string Name(string key) => key[(key.LastIndexOf('.') + 1)..];
}
