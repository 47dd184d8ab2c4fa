namespace IntegrationLedger.Application.Features.Importing.Files;

/// <summary>How a file holds what is to be imported, told from its first bytes, never from its name.</summary>
public enum ContentKind
{
    /// <summary>Text as it is (a CSV file, whatever it is called).</summary>
    Plain,

    /// <summary>gzip-compressed text, as Salesforce offers the Login History download and event log files.</summary>
    Gzip,

    /// <summary>A zip archive holding one text file.</summary>
    Zip,

    /// <summary>An Excel workbook (.xlsx, an Office Open XML zip), read sheet by sheet.</summary>
    Workbook,
}
