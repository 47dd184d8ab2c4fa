using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Csv;
using IntegrationLedger.Application.Features.Importing.Files;
using IntegrationLedger.Application.Features.Importing.Formats;
using IntegrationLedger.Application.Features.Importing.Parsing;

namespace IntegrationLedger.Application.Features.Access.Exports;

/// <summary>Reads the cells of an access export's row by column index, adding a row error, named by the column as the file writes it, for each bad value.</summary>
internal sealed class AccessRowFields(ITabularFile row, HeaderMap header, List<RowError> errors)
{
    private readonly int _before = errors.Count;

    public long Line => row.LineNumber;

    public bool HasErrors => errors.Count > _before;

    public string? Text(int column) => column < 0 ? null : row.ValueAt(column);

    /// <summary>The row's user id, 15 characters made 18; an error when empty or not an id.</summary>
    public string? RequiredId(int column)
    {
        var text = Text(column);
        if (text is null)
        {
            Fail(column, "is empty; every row needs the user's id");
            return null;
        }
        return RowFields.SalesforceId(text, header.NameAt(column), Line, errors);
    }

    public string? Id(int column) => column < 0 ? null : RowFields.SalesforceId(Text(column), header.NameAt(column), Line, errors);

    public string? Username(int column) => column < 0 ? null : RowFields.Username(Text(column), header.NameAt(column), Line, errors);

    /// <summary>true, false, 1 or 0 in any case; empty is unknown (null).</summary>
    public bool? Flag(int column) => column < 0 ? null : RowFields.Flag(Text(column), header.NameAt(column), Line, errors);

    /// <summary>An ISO time with Z or an offset (+0000 as the REST API writes it), with or without milliseconds.</summary>
    public DateTime? Time(int column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (SalesforceTimes.TryParseIso(text, out var utc))
            return utc;
        Fail(column, $"'{text}' is not a time with its zone (such as 2026-11-28T17:17:23.000+0000)");
        return null;
    }

    public void Fail(int column, string reason) => errors.Add(new RowError(Line, column < 0 ? ImportSource.WholeRow : header.NameAt(column), reason));
}
