using System.Globalization;
using IntegrationLedger.Application.Common.Lists;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.Lists;

/// <summary>
/// Above a list: "Showing 26–50 of 8,719 tokens." and the link that exports every matching row as CSV,
/// saying that it is every row. A filter value the address carried that could not be read (a status that is
/// none) is named here, so the officer knows the list is not filtered by it.
/// </summary>
[HtmlTargetElement("list-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ListSummaryTagHelper : TagHelper
{
    [HtmlAttributeName("list-page")]
    public IListPage Page { get; set; } = null!;

    /// <summary>What the rows are, in the plural: "tokens".</summary>
    public string Noun { get; set; } = "rows";

    /// <summary>Whether to offer the CSV of the rows; false for a list with no export.</summary>
    public bool Export { get; set; } = true;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "list-summary");

        // The address's own spelling (status=Lost), whatever the property is called.
        var ignored = ViewContext.ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => $"{e.Key.ToLowerInvariant()}={e.Value!.AttemptedValue}").ToList();
        if (ignored.Count > 0)
        {
            var problem = new TagBuilder("p");
            problem.AddCssClass("message error");
            problem.Attributes["role"] = "alert";
            problem.InnerHtml.Append($"Ignored {string.Join(" and ", ignored)} from the address: not a value this list can filter by.");
            output.Content.AppendHtml(problem);
        }

        var shown = new TagBuilder("p");
        shown.Attributes["role"] = "status";
        shown.InnerHtml.Append(Page.Total == 0
            ? $"No {Noun} match."
            : $"Showing {Page.FirstShown.ToString("N0", CultureInfo.InvariantCulture)}–{Page.LastShown.ToString("N0", CultureInfo.InvariantCulture)} of {Page.Total.ToString("N0", CultureInfo.InvariantCulture)} {Noun}.");
        if (Export && Page.Total > 0)
        {
            var link = new TagBuilder("a");
            link.Attributes["href"] = ListAddress.ToCsv(ViewContext.HttpContext.Request);
            link.InnerHtml.Append(Page.Total == 1
                ? $"Export this {Noun.TrimEnd('s')} (CSV)"
                : $"Export all {Page.Total.ToString("N0", CultureInfo.InvariantCulture)} matching {Noun} (CSV)");
            shown.InnerHtml.Append(" ");
            shown.InnerHtml.AppendHtml(link);
        }
        output.Content.AppendHtml(shown);
    }
}
