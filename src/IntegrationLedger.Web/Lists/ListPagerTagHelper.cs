using System.Globalization;
using IntegrationLedger.Application.Common.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.Lists;

/// <summary>Below a list: links to the first, previous, next and last pages, and which page this is. Nothing when one page holds it all.</summary>
[HtmlTargetElement("list-pager", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ListPagerTagHelper : TagHelper
{
    [HtmlAttributeName("list-page")]
    public IListPage Page { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Page.PageCount <= 1)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "pager");
        output.Attributes.SetAttribute("aria-label", "Pages");
        var request = ViewContext.HttpContext.Request;
        if (Page.Page > 1)
        {
            output.Content.AppendHtml(Link(ListAddress.ToPage(request, 1), "First", "first"));
            output.Content.AppendHtml(Link(ListAddress.ToPage(request, Page.Page - 1), "Previous", "prev"));
        }
        var here = new TagBuilder("span");
        here.Attributes["aria-current"] = "page";
        here.InnerHtml.Append($"Page {Page.Page.ToString("N0", CultureInfo.InvariantCulture)} of {Page.PageCount.ToString("N0", CultureInfo.InvariantCulture)}");
        output.Content.AppendHtml(here);
        if (Page.Page < Page.PageCount)
        {
            output.Content.AppendHtml(Link(ListAddress.ToPage(request, Page.Page + 1), "Next", "next"));
            output.Content.AppendHtml(Link(ListAddress.ToPage(request, Page.PageCount), "Last", "last"));
        }
    }

    private static TagBuilder Link(string href, string text, string rel)
    {
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        link.Attributes["rel"] = rel;
        link.InnerHtml.Append(text);
        return link;
    }
}
