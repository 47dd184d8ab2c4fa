namespace IntegrationLedger.Application.Features.Importing.Files;

/// <summary>
/// What an import reads, as its messages name it: a file (plain or gzip), the one member of a zip, or a sheet
/// of a workbook; and a place in it. A CSV's places are lines ("logins.zip, member LoginHistory.csv, line 3,
/// LoginTime"), a sheet's are rows and columns ("book.xlsx, sheet People, row 4, column email"), as the
/// program that shows the file to its owner numbers them.
/// </summary>
public sealed record ImportSource(string File, string? Member = null, string? Sheet = null)
{
    /// <summary>The field of a <see cref="RowError"/> about a whole row rather than one of its values.</summary>
    public const string WholeRow = "row";

    public bool IsSheet => Sheet is not null;

    /// <summary>The file's own name, without its folder.</summary>
    public string FileName => Path.GetFileName(File);

    /// <summary>The start of every message about it: "logins.zip, member LoginHistory.csv".</summary>
    public string Name =>
        Sheet is not null ? $"{File}, sheet {Sheet}"
        : Member is not null ? $"{File}, member {Member}"
        : File;

    /// <summary>How a heading and the batch record name it, without folders: "LoginHistory.csv from logins.zip".</summary>
    public string Title =>
        Sheet is not null ? $"sheet {Sheet} of {FileName}"
        : Member is not null ? $"{Member} from {FileName}"
        : FileName;

    /// <summary>What its records are called: a CSV's lines, a sheet's rows.</summary>
    public string LineWord => IsSheet ? "row" : "line";

    /// <summary>"logins.csv, line 3" or "book.xlsx, sheet People, row 3".</summary>
    public string At(long line) => $"{Name}, {LineWord} {line}";

    /// <summary>
    /// A value in a record, as a row error names it: "logins.csv, line 3, LoginTime" (the words CSV messages
    /// have always used) or "book.xlsx, sheet People, row 3, column email"; a sheet's whole row is its row.
    /// </summary>
    public string At(long line, string field) =>
        !IsSheet ? $"{At(line)}, {field}"
        : field == WholeRow ? At(line)
        : $"{At(line)}, column {field}";

    /// <summary>A column of the header, named as such in both kinds: "people.csv, line 1, column secret".</summary>
    public string AtColumn(long line, string column) => $"{At(line)}, column {column}";
}
