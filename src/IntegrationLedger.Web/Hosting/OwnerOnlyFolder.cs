namespace IntegrationLedger.Web.Hosting;

/// <summary>Folders beside the ledger for files that hold its contents (uploads, downloads, session keys): readable by its owner only.</summary>
internal static class OwnerOnlyFolder
{
    public static string Create(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
