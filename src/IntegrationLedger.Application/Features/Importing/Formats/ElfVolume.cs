using System.Globalization;
using IntegrationLedger.Application.Features.Importing.Csv;

namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>What one Event Monitoring row says about the data it moved.</summary>
internal readonly record struct ElfVolumeReading(long? Rows, long? Failed, long? Bytes, string? JobId, string? ReportId);

/// <summary>
/// The data-volume columns of Event Monitoring rows (formats README §8): each type writes its rows and bytes
/// under its own names, so the first the row fills is taken. API and RestApi write ROWS_PROCESSED and
/// RESPONSE_SIZE; BulkApi ROWS_PROCESSED and NUMBER_FAILURES per batch; BulkApi2 RECORDS_PROCESSED,
/// RECORDS_FAILED and (one day) RESULT_SIZE_MB per state event of a job; Report ROW_COUNT and
/// AVERAGE_ROW_SIZE, whose product is what the report returned. A count that is negative or not a whole
/// number is an error naming its column, never a zero.
/// </summary>
internal sealed class ElfVolume
{
    private const long BytesPerMegabyte = 1024 * 1024;

    private readonly int _rowsProcessed;
    private readonly int _recordsProcessed;
    private readonly int _rowCount;
    private readonly int _numberFailures;
    private readonly int _recordsFailed;
    private readonly int _responseSize;
    private readonly int _averageRowSize;
    private readonly int _resultSizeMb;
    private readonly int _jobId;
    private readonly int _reportId;
    private readonly int _reportIdDerived;

    public ElfVolume(Columns columns)
    {
        _rowsProcessed = columns.Optional("ROWS_PROCESSED");
        _recordsProcessed = columns.Optional("RECORDS_PROCESSED");
        _rowCount = columns.Optional("ROW_COUNT");
        _numberFailures = columns.Optional("NUMBER_FAILURES");
        _recordsFailed = columns.Optional("RECORDS_FAILED");
        _responseSize = columns.Optional("RESPONSE_SIZE");
        _averageRowSize = columns.Optional("AVERAGE_ROW_SIZE");
        _resultSizeMb = columns.Optional("RESULT_SIZE_MB");
        _jobId = columns.Optional("JOB_ID");
        _reportId = columns.Optional("REPORT_ID");
        _reportIdDerived = columns.Optional("REPORT_ID_DERIVED");
    }

    public ElfVolumeReading Read(CsvFile row, long line, List<RowError> errors)
    {
        var rowsProcessed = Count(row, _rowsProcessed, "ROWS_PROCESSED", "rows", line, errors);
        var recordsProcessed = Count(row, _recordsProcessed, "RECORDS_PROCESSED", "records", line, errors);
        var rowCount = Count(row, _rowCount, "ROW_COUNT", "rows", line, errors);
        var numberFailures = Count(row, _numberFailures, "NUMBER_FAILURES", "failures", line, errors);
        var recordsFailed = Count(row, _recordsFailed, "RECORDS_FAILED", "records", line, errors);
        var responseSize = Count(row, _responseSize, "RESPONSE_SIZE", "bytes", line, errors);
        var averageRowSize = Count(row, _averageRowSize, "AVERAGE_ROW_SIZE", "bytes", line, errors);
        var resultSizeMb = Megabytes(row, line, errors);

        var reportId = RowFields.SalesforceId(row.Get(_reportId), "REPORT_ID", line, errors)
            ?? RowFields.LongSalesforceId(row.Get(_reportIdDerived), "REPORT_ID_DERIVED", line, errors);
        var jobId = RowFields.SalesforceId(RowFields.Meaningful(row.Get(_jobId)), "JOB_ID", line, errors);

        var rows = rowsProcessed ?? recordsProcessed ?? rowCount;
        var bytes = responseSize
            ?? (rowCount is { } count && averageRowSize is { } average ? Product(count, average) : (long?)null)
            ?? resultSizeMb;
        return new ElfVolumeReading(rows, numberFailures ?? recordsFailed, bytes, jobId, reportId);
    }

    private static long? Count(CsvFile row, int index, string column, string what, long line, List<RowError> errors)
    {
        var text = row.Get(index);
        if (text is null)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            if (count >= 0)
                return count;
            errors.Add(new RowError(line, column, $"'{text}' is negative: a number of {what} is 0 or more"));
            return null;
        }
        errors.Add(new RowError(line, column, $"'{text}' is not a number of {what} (a whole number, 0 or more)"));
        return null;
    }

    /// <summary>RESULT_SIZE_MB, the one size written in megabytes and with a fraction, in bytes.</summary>
    private long? Megabytes(CsvFile row, long line, List<RowError> errors)
    {
        var text = row.Get(_resultSizeMb);
        if (text is null)
            return null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var megabytes))
        {
            errors.Add(new RowError(line, "RESULT_SIZE_MB", $"'{text}' is not a size in megabytes (a number, 0 or more, such as 12.5)"));
            return null;
        }
        if (megabytes < 0)
        {
            errors.Add(new RowError(line, "RESULT_SIZE_MB", $"'{text}' is negative: a size is 0 or more"));
            return null;
        }
        return megabytes > long.MaxValue / BytesPerMegabyte ? long.MaxValue : (long)Math.Round(megabytes * BytesPerMegabyte);
    }

    /// <summary>Rows times their size, held at the largest number rather than wrapping round.</summary>
    private static long Product(long rows, long size) =>
        size != 0 && rows > long.MaxValue / size ? long.MaxValue : rows * size;
}
