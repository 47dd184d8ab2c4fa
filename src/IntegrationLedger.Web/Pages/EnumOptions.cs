using IntegrationLedger.Domain.Common;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IntegrationLedger.Web.Pages;

/// <summary>
/// The options of a select for an enum: shown in kebab case as everywhere else (<c>pending-update</c>),
/// sent as the member's name, which the model binder reads back.
/// </summary>
public static class EnumOptions
{
    public static IEnumerable<SelectListItem> Of<T>(T? selected = null)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(KebabCase.Of(v), v.ToString(), selected.HasValue && selected.Value.Equals(v)));
}
