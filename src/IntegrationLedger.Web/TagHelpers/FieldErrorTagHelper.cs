using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.TagHelpers;

/// <summary>
/// Marks a field whose value was refused, for everyone: <c>aria-invalid</c>, the reason written beside it
/// and tied to it by <c>aria-describedby</c> (a screen reader reads it with the field), and the framework's
/// <c>input-validation-error</c> class for the eye. A radio button is marked but leaves the reason to the
/// group's <see cref="FieldErrorMessageTagHelper"/>, so it is written once.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    /// <summary>After the framework's own input, select and textarea helpers, which set the id and the class.</summary>
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (FieldErrors.Of(ViewContext, name) is not { } message
            || output.Attributes["type"]?.Value?.ToString() is "hidden")
            return;
        var errorId = FieldErrors.IdFor(name);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : $"{describedBy} {errorId}");
        if (output.Attributes["type"]?.Value?.ToString() is "radio" or "checkbox")
            return;
        output.PostElement.AppendHtml(FieldErrors.Message(errorId, message));
    }
}

/// <summary>
/// <c>&lt;field-error for="Revoke.Reason" /&gt;</c>: the reason a group of radio buttons was refused, once for
/// the group, with the id its buttons' <c>aria-describedby</c> points to. Writes nothing when there is none.
/// </summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.SuppressOutput();
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (FieldErrors.Of(ViewContext, name) is { } message)
            output.Content.SetHtmlContent(FieldErrors.Message(FieldErrors.IdFor(name), message));
    }
}

/// <summary>The refusals a page holds for a field, and how the page writes and points to them.</summary>
public static class FieldErrors
{
    /// <summary>The id of a field's error message: from the field's name, so a group of radio buttons shares one.</summary>
    public static string IdFor(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";

    /// <summary>The field's reasons, joined; null when it was not refused.</summary>
    public static string? Of(ViewContext view, string fieldName) =>
        view.ViewData.ModelState.TryGetValue(fieldName, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage).Distinct())
            : null;

    public static TagBuilder Message(string id, string message)
    {
        var span = new TagBuilder("span");
        span.Attributes["id"] = id;
        span.AddCssClass("field-error");
        span.InnerHtml.Append(message);
        return span;
    }
}
