using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Application.Common;

namespace IntegrationLedger.Application.Features.Exporting;

public enum ExportFormat
{
    Csv,
    Json,
}

/// <summary>Exports one table of the ledger to a file, streaming, so the largest table needs no more memory than the smallest.</summary>
public sealed record ExportTableToFile(string Table, ExportFormat Format, string OutPath);

public sealed record ExportResult(string Table, ExportFormat Format, string Path, long Rows);

/// <summary>
/// CSV is written with CsvHelper's formula-injection escaping, so text that came from imported files
/// (a username like =HYPERLINK(...)) stays text in a spreadsheet; JSON carries times as ISO 8601 in UTC.
/// The file is a <see cref="PendingOutputFile"/> until complete, so a crash never leaves a half-written
/// file under the name asked for.
/// </summary>
public sealed class ExportTableToFileHandler(Ledger ledger)
{
    public async Task<ExportResult> HandleAsync(ExportTableToFile request, CancellationToken cancellationToken = default)
    {
        var table = ExportTables.Find(request.Table)
            ?? throw new OutputFileException($"'{request.Table}' is not a table ledger exports; use one of {string.Join(", ", ExportTables.All.Select(t => t.Name))}.");
        using var output = PendingOutputFile.Begin(request.OutPath);
        long rows;
        try
        {
            await using (var stream = output.Create(useAsync: true))
            {
                rows = request.Format == ExportFormat.Csv
                    ? await WriteCsvAsync(table, stream, cancellationToken)
                    : await WriteJsonAsync(table, stream, cancellationToken);
            }
            output.Commit();
        }
        catch (Exception exception) when (OutputFile.IsWriteFailure(exception))
        {
            throw output.CannotWrite(exception);
        }
        return new ExportResult(table.Name, request.Format, output.FinalPath, rows);
    }

    private async Task<long> WriteCsvAsync(ExportTable table, Stream stream, CancellationToken cancellationToken) =>
        await CsvRows.WriteAsync(stream, table.Columns, table.Rows(ledger.Db), cancellationToken);

    private async Task<long> WriteJsonAsync(ExportTable table, Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        long rows = 0;
        await foreach (var row in table.Rows(ledger.Db).WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                json.WritePropertyName(table.Columns[i]);
                WriteValue(json, row[i]);
            }
            json.WriteEndObject();
            if (++rows % 10_000 == 0)
                await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return rows;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    private static string Text(object? value) => CsvRows.Text(value);
}
