using IntegrationLedger.Application.Common.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// The bar above a list: a GET form (so its state lands in the address) with the search box, the list's own
/// filters (the element's content), the page size and a "Show" button. Submitting starts again at page 1 in
/// the same order; "Clear" goes back to the whole list.
/// </summary>
[HtmlTargetElement("list-filters")]
public sealed class ListFiltersTagHelper : TagHelper
{
    [HtmlAttributeName("state")]
    public ListState State { get; set; } = null!;

    /// <summary>What the search box looks in, as its label: "Search label, owner or account".</summary>
    [HtmlAttributeName("search-label")]
    public string SearchLabel { get; set; } = "Search";

    /// <summary>The page's own address, where "Clear" leads.</summary>
    [HtmlAttributeName("clear-href")]
    public string ClearHref { get; set; } = "?";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "form";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("method", "get");
        output.Attributes.SetAttribute("class", "list-bar");
        output.Attributes.SetAttribute("role", "search");

        var search = new TagBuilder("div");
        search.InnerHtml.AppendHtml(Label("q", SearchLabel));
        var box = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        box.Attributes["type"] = "search";
        box.Attributes["id"] = "q";
        box.Attributes["name"] = "q";
        box.Attributes["value"] = State.Q ?? "";
        box.Attributes["maxlength"] = ListQuery.LongestSearch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        search.InnerHtml.AppendHtml(box);
        output.Content.AppendHtml(search);

        output.Content.AppendHtml(await output.GetChildContentAsync());

        var size = new TagBuilder("div");
        size.InnerHtml.AppendHtml(Label("size", "Rows per page"));
        var select = new TagBuilder("select");
        select.Attributes["id"] = "size";
        select.Attributes["name"] = "size";
        foreach (var choice in ListQuery.PageSizes)
        {
            var option = new TagBuilder("option");
            option.Attributes["value"] = choice.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (choice == State.ToQuery().PageSize)
                option.Attributes["selected"] = "selected";
            option.InnerHtml.Append(option.Attributes["value"]!);
            select.InnerHtml.AppendHtml(option);
        }
        size.InnerHtml.AppendHtml(select);
        output.Content.AppendHtml(size);

        // A new search keeps the order chosen by the headers; the page starts again at 1.
        foreach (var (name, value) in new[] { ("sort", State.Sort), ("dir", State.Dir) })
        {
            if (string.IsNullOrEmpty(value))
                continue;
            var hidden = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            hidden.Attributes["type"] = "hidden";
            hidden.Attributes["name"] = name;
            hidden.Attributes["value"] = value;
            output.Content.AppendHtml(hidden);
        }

        var actions = new TagBuilder("div");
        actions.AddCssClass("list-actions");
        var show = new TagBuilder("button");
        show.Attributes["type"] = "submit";
        show.InnerHtml.Append("Show");
        actions.InnerHtml.AppendHtml(show);
        var clear = new TagBuilder("a");
        clear.Attributes["href"] = ClearHref;
        clear.InnerHtml.Append("Clear");
        actions.InnerHtml.AppendHtml(clear);
        output.Content.AppendHtml(actions);
    }

    private static TagBuilder Label(string forId, string text)
    {
        var label = new TagBuilder("label");
        label.Attributes["for"] = forId;
        label.InnerHtml.Append(text);
        return label;
    }
}
