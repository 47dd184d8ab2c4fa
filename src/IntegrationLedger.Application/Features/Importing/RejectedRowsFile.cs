using CsvHelper;
using IntegrationLedger.Application.Common;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// The <c>--errors OUT.csv</c> file: every rejected row with its line, field and reason, followed by the
/// row's own columns so it can be fixed and imported again. Secret columns are left empty, and text that
/// a spreadsheet would run as a formula is escaped. A <see cref="PendingOutputFile"/> until the import ends,
/// so a half-written file never carries the final name.
/// </summary>
internal sealed class RejectedRowsFile : IDisposable
{
    private readonly PendingOutputFile _output;
    private readonly CsvWriter _writer;
    private readonly IReadOnlySet<int> _secretColumns;
    private bool _completed;

    private RejectedRowsFile(PendingOutputFile output, CsvWriter writer, IReadOnlySet<int> secretColumns)
    {
        _output = output;
        _writer = writer;
        _secretColumns = secretColumns;
    }

    public static RejectedRowsFile Create(string path, string inputPath, IReadOnlyList<string> header, IReadOnlySet<int> secretColumns)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new ImportFileException($"{path}: cannot write the rejected rows there; the folder {folder} does not exist.");
        if (Directory.Exists(full))
            throw new ImportFileException($"{path}: is a folder; --errors needs the name of a file to write.");
        if (string.Equals(full, Path.GetFullPath(inputPath), StringComparison.Ordinal))
            throw new ImportFileException($"{path}: is the file being imported; --errors must name another file.");
        var output = PendingOutputFile.Begin(path);
        FileStream stream;
        try
        {
            stream = output.Create();
        }
        catch (OutputFileException)
        {
            output.Dispose();
            throw;
        }
        var writer = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: false);
        writer.WriteRecord(["line", "field", "reason", .. header]);
        return new RejectedRowsFile(output, writer, secretColumns);
    }

    public void Write(RowError error, string[]? fields, int columnCount)
    {
        // A row with too few or too many fields has its values in the wrong columns, so a secret could sit
        // under another column's name: such rows of a file with secret columns are written without values.
        if (fields is not null && fields.Length != columnCount && _secretColumns.Count > 0)
            fields = null;
        var record = new string[3 + columnCount];
        record[0] = error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        record[1] = error.Field;
        record[2] = error.Reason;
        for (var i = 0; i < columnCount; i++)
            record[3 + i] = fields is not null && i < fields.Length && !_secretColumns.Contains(i) ? fields[i] : "";
        _writer.WriteRecord(record);
    }

    public void Complete()
    {
        _writer.Dispose();
        _output.Commit();
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed)
            _writer.Dispose();
        _output.Dispose();
    }
}
