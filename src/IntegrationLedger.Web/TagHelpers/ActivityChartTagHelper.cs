using IntegrationLedger.Application.Features.Activity;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IntegrationLedger.Web.TagHelpers;

/// <summary>
/// <c>&lt;activity-chart view="Model.Activity" /&gt;</c>: an integration's daily activity drawn as inline SVG
/// (<see cref="ActivityChart"/>), in the page as it is sent, so it needs neither script nor a file of its own.
/// </summary>
[HtmlTargetElement("activity-chart", Attributes = "view", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ActivityChartTagHelper : TagHelper
{
    [HtmlAttributeName("view")]
    public ActivityView View { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // The helper's own element is not HTML: only what it draws is written.
        output.TagName = null;
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(ActivityChart.Render(View));
    }
}
