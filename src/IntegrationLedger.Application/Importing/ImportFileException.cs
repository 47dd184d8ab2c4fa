namespace IntegrationLedger.Application.Importing;

/// <summary>
/// A file that cannot be imported at all: missing, unreadable, of the wrong format, without the columns
/// it needs. The message names the file and, where there is one, the line and the field.
/// </summary>
public sealed class ImportFileException(string message) : Exception(message);
