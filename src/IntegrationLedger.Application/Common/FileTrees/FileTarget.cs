namespace IntegrationLedger.Application.Common.FileTrees;

/// <summary>A regular file to read: its path as the user would write it (from the PATH they gave), its full path and its size.</summary>
internal sealed record FileTarget(string Path, string FullPath, long Length);
