namespace IntegrationLedger.Application.Common.Security;

/// <summary>Creates files that only their owner can read: the database and its key hold what the ledger protects.</summary>
internal static class OwnerOnlyFile
{
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
