using System.Globalization;
using CsvHelper;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Application.Features.Exporting;

/// <summary>
/// Rows written as CSV the way every export of the ledger writes them: CsvHelper's formula-injection
/// escaping on, so text that came from imported files (a username like =HYPERLINK(...)) stays text in a
/// spreadsheet; times ISO 8601 in UTC; enums kebab case.
/// </summary>
public static class CsvRows
{
    public static async Task<long> WriteAsync(Stream stream, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
        await writer.WriteRecordAsync([.. columns], cancellationToken);
        var fields = new string[columns.Count];
        long written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < fields.Length; i++)
                fields[i] = Text(row[i]);
            await writer.WriteRecordAsync(fields, cancellationToken);
            written++;
        }
        return written;
    }

    /// <summary>Values as the CSV and JSON exports write them: times ISO 8601 in UTC, dates YYYY-MM-DD, enums kebab-case.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum member => KebabCase.Of(member),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
