namespace IntegrationLedger.Application.Common;

/// <summary>An output file that cannot be written where asked: a missing folder, a folder given as a file, no permission.</summary>
public sealed class OutputFileException(string message) : Exception(message);
