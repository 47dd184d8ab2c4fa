using System.Globalization;
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

    /// <summary>Whether the list has a search box; the events list has none, as its filters find events by indexed columns.</summary>
    public bool Searchable { get; set; } = true;

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
        if (Searchable)
            output.Content.AppendHtml(Field("q", SearchLabel, SearchBox()));
        output.Content.AppendHtml(await output.GetChildContentAsync());
        output.Content.AppendHtml(Field("size", "Rows per page", PageSizes()));
        // A new search keeps the order chosen by the headers; the page starts again at 1.
        foreach (var (name, value) in new[] { ("sort", State.Sort), ("dir", State.Dir) })
        {
            if (!string.IsNullOrEmpty(value))
                output.Content.AppendHtml(Hidden(name, value));
        }
        output.Content.AppendHtml(Buttons());
    }

    private TagBuilder SearchBox()
    {
        var box = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        box.Attributes["type"] = "search";
        box.Attributes["id"] = "q";
        box.Attributes["name"] = "q";
        box.Attributes["value"] = State.Q ?? "";
        box.Attributes["maxlength"] = ListQuery.LongestSearch.ToString(CultureInfo.InvariantCulture);
        return box;
    }

    private TagBuilder PageSizes()
    {
        var select = new TagBuilder("select");
        select.Attributes["id"] = "size";
        select.Attributes["name"] = "size";
        foreach (var choice in ListQuery.PageSizes)
        {
            var option = new TagBuilder("option");
            var value = choice.ToString(CultureInfo.InvariantCulture);
            option.Attributes["value"] = value;
            if (choice == State.ToQuery().PageSize)
                option.Attributes["selected"] = "selected";
            option.InnerHtml.Append(value);
            select.InnerHtml.AppendHtml(option);
        }
        return select;
    }

    private TagBuilder Buttons()
    {
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
        return actions;
    }

    private static TagBuilder Field(string id, string labelText, TagBuilder input)
    {
        var field = new TagBuilder("div");
        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(labelText);
        field.InnerHtml.AppendHtml(label);
        field.InnerHtml.AppendHtml(input);
        return field;
    }

    private static TagBuilder Hidden(string name, string value)
    {
        var hidden = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        hidden.Attributes["type"] = "hidden";
        hidden.Attributes["name"] = name;
        hidden.Attributes["value"] = value;
        return hidden;
    }
}
