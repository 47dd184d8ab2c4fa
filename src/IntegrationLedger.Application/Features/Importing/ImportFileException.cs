using IntegrationLedger.Application.Features.Importing.Files;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// A file that cannot be imported at all: missing, unreadable, of the wrong format, without the columns
/// it needs. The message names the file and, where there is one, the line and the field.
/// </summary>
public sealed class ImportFileException(string message) : Exception(message)
{
    /// <summary>The file's times carry no zone and none was given: the same file, read with one, may pass.</summary>
    public bool NeedsTimeZone { get; init; }

    /// <summary>
    /// A header and nothing under it. Refused rather than recorded as an empty batch: an export cut off
    /// after its first line, or the wrong report downloaded, would otherwise pass for a quiet day.
    /// </summary>
    public static ImportFileException NoRows(ImportSource source, long headerLine) =>
        new($"{source.At(headerLine + 1)}: the {(source.IsSheet ? "sheet" : "file")} has a header but no rows; nothing was imported.");
}
