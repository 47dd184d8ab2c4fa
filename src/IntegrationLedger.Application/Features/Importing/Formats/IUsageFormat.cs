using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Domain.Usage;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>A platform export the importer understands, recognised by its header.</summary>
public interface IUsageFormat
{
    /// <summary>The name users give on the command line, such as <c>sf-elf</c>.</summary>
    string Name { get; }

    string Description { get; }

    bool Recognises(HeaderMap header);

    /// <summary>
    /// Whether rows are activity that integrations cause (logins, API calls, token use) and so are
    /// attributed and counted; setup changes made by administrators are evidence, not integration activity.
    /// </summary>
    bool IsActivity => true;

    /// <summary>Finds the columns this format needs; throws <see cref="ImportFileException"/> naming every missing one.</summary>
    IUsageRowReader Bind(HeaderMap header, string path);
}

/// <summary>Turns the rows of one file, whose columns are known, into usage events.</summary>
public interface IUsageRowReader
{
    /// <summary>Columns whose values are secrets (OauthToken's DeleteToken): never read, never copied anywhere.</summary>
    IReadOnlySet<int> SecretColumns { get; }

    /// <summary>
    /// The current row's type when it is one the ledger does not use (an Event Monitoring UITracking row),
    /// so the row is set aside: counted by type, neither kept nor an error. Null for a row to read.
    /// </summary>
    string? UnusedType(CsvFile row) => null;

    /// <summary>The event of the current row, or null with the reasons added to <paramref name="errors"/>.</summary>
    UsageEvent? Read(CsvFile row, ImportContext context, List<RowError> errors);
}

/// <summary>What every row of one import shares.</summary>
/// <param name="DayFirst">Whether dates written with slashes put the day first (28/11/2026), as outside the US.</param>
public sealed record ImportContext(Guid BatchId, TimeZoneInfo? TimeZone, bool DayFirst = false, ImportWording? Wording = null);
