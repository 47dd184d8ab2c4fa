using IntegrationLedger.Application.Common;

namespace IntegrationLedger.Web.Pages.Accounts;

/// <summary>
/// The moment an "as of" date field means: the end of that day (UTC, as everywhere in the ledger), so the exports
/// taken that day count; none (now) for no date, or for today and later, which no export has described yet.
/// </summary>
public static class AsOfDate
{
    public static DateTime? Moment(DateOnly? date, DateTime now) =>
        date?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc) is { } end && end < now ? end : null;

    /// <summary>"as of 2026-11-01" or "now", for headings and summaries.</summary>
    public static string Words(DateTime? moment) => moment is { } at ? $"as of {DisplayText.Date(at)}" : "now";
}
