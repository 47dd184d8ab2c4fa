using IntegrationLedger.Application.Features.Reporting.Workbook;

namespace IntegrationLedger.Application.Features.Reporting.Sheets;

/// <summary>An integration's events in one week, Monday to Sunday in UTC (the Activity per week sheet).</summary>
internal sealed record WeeklyActivityRow(DateOnly WeekOf, string Integration, int Events, int Failed)
{
    public static SheetLayout<WeeklyActivityRow> Layout { get; } = new("Activity per week", "WeeklyActivity",
    [
        new("Week of (Monday)", r => r.WeekOf), new("Integration", r => r.Integration), new("Events", r => r.Events), new("Failed", r => r.Failed),
    ]);

    /// <summary>The Monday that starts the week of <paramref name="day"/>: the sheet's rows and its chart's weeks are counted alike.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
