namespace IntegrationLedger.Application.Features.Scanning.Reading;

/// <summary>A regular file to scan: its path as the user would write it (from the PATH they gave), its full path and its size.</summary>
internal sealed record FileTarget(string Path, string FullPath, long Length);
