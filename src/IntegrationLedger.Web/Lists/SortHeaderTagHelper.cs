using IntegrationLedger.Application.Common.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// A column header that sorts its list: <c>&lt;th list-sort="due" list-page="Model.Tokens"&gt;Rotation due&lt;/th&gt;</c>.
/// Its text becomes a link to the list sorted by that column (again on the sorted column: the other way), and
/// the header says how the list is sorted with <c>aria-sort</c>, which screen readers announce.
/// </summary>
[HtmlTargetElement("th", Attributes = "list-sort")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("list-sort")]
    public string Key { get; set; } = "";

    [HtmlAttributeName("list-page")]
    public IListPage Page { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var sorted = Page.Sort == Key;
        output.Attributes.SetAttribute("scope", "col");
        if (sorted)
            output.Attributes.SetAttribute("aria-sort", Page.Descending ? "descending" : "ascending");
        var reverse = sorted && !Page.Descending;
        var href = ListAddress.With(ViewContext.HttpContext.Request, new Dictionary<string, string?>
        {
            ["sort"] = Key,
            ["dir"] = reverse ? ListState.Descending : null,
            ["page"] = null,
        });
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        link.InnerHtml.AppendHtml(await output.GetChildContentAsync());
        if (sorted)
        {
            var arrow = new TagBuilder("span");
            arrow.Attributes["aria-hidden"] = "true";
            arrow.InnerHtml.Append(Page.Descending ? " ▼" : " ▲");
            link.InnerHtml.AppendHtml(arrow);
        }
        output.Content.SetHtmlContent(link);
    }
}
