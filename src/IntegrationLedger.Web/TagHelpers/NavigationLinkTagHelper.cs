using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.TagHelpers;

/// <summary>
/// A link of the main navigation (<c>&lt;a asp-page="/Tokens/Index" nav-link&gt;</c>) says where the reader is:
/// <c>aria-current="page"</c> on the page itself, <c>aria-current="true"</c> on the section of a page within it
/// (the Tokens link on a token's page), which the layout's style marks for the eye.
/// </summary>
[HtmlTargetElement("a", Attributes = "asp-page,nav-link")]
public sealed class NavigationLinkTagHelper : TagHelper
{
    [HtmlAttributeName("asp-page")]
    public string Page { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Only a marker for this helper: not an attribute of HTML.
        output.Attributes.RemoveAll("nav-link");
        if (ViewContext.RouteData.Values["page"] is not string current)
            return;
        if (string.Equals(current, Page, StringComparison.OrdinalIgnoreCase))
            output.Attributes.SetAttribute("aria-current", "page");
        else if (Section(Page) is { } section && string.Equals(section, Section(current), StringComparison.OrdinalIgnoreCase))
            output.Attributes.SetAttribute("aria-current", "true");
    }

    /// <summary>The folder a page is in (<c>/Tokens</c>); null for the pages at the top, which head no section.</summary>
    private static string? Section(string page) => page.LastIndexOf('/') is > 0 and var slash ? page[..slash] : null;
}
