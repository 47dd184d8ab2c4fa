namespace IntegrationLedger.Application.Common;

/// <summary>
/// A file the ledger is writing for people (an export, a workbook, the rejected rows of an import): written
/// under a hidden temporary name beside its final one, then renamed into place by <see cref="Commit"/>, so no
/// half-written file ever carries the name asked for. Disposed without a commit, it leaves nothing behind.
/// The file is readable by its owner only, as the ledger is (exports carry the inventory and its history),
/// unless it replaces a file: then it keeps that file's mode, so a file made shareable on purpose stays so.
/// </summary>
public sealed class PendingOutputFile : IDisposable
{
    private bool _committed;

    private PendingOutputFile(string requestedPath, string finalPath)
    {
        RequestedPath = requestedPath;
        FinalPath = finalPath;
        TemporaryPath = OutputFile.TemporaryFor(finalPath);
    }

    /// <summary>The path as the caller gave it, for messages.</summary>
    public string RequestedPath { get; }

    /// <summary>The full path the file will have once committed.</summary>
    public string FinalPath { get; }

    /// <summary>Where the content is written until the commit; on the same file system, so the rename is atomic.</summary>
    public string TemporaryPath { get; }

    /// <summary>Checks that <paramref name="path"/> can be written (see <see cref="OutputFile.Check"/>) before any work is done.</summary>
    public static PendingOutputFile Begin(string path) => new(path, OutputFile.Check(path));

    /// <summary>A new stream on the temporary file; a failure to create it is an <see cref="OutputFileException"/>.</summary>
    public FileStream Create(bool useAsync = false)
    {
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                BufferSize = 1 << 16,
                Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
            };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new FileStream(TemporaryPath, options);
        }
        catch (Exception exception) when (OutputFile.IsWriteFailure(exception))
        {
            throw CannotWrite(exception);
        }
    }

    /// <summary>
    /// Moves the finished file into place, replacing the regular file that was there (whose mode it takes).
    /// What stands at the name is looked at again first: it may have changed while the file was written.
    /// </summary>
    public void Commit()
    {
        OutputFile.EnsureReplaceable(RequestedPath, FinalPath);
        try
        {
            if (!OperatingSystem.IsWindows() && File.Exists(FinalPath))
                File.SetUnixFileMode(TemporaryPath, File.GetUnixFileMode(FinalPath));
            File.Move(TemporaryPath, FinalPath, overwrite: true);
            _committed = true;
        }
        catch (Exception exception) when (OutputFile.IsWriteFailure(exception))
        {
            throw CannotWrite(exception);
        }
    }

    /// <summary>The one message for a write the file system refused.</summary>
    public OutputFileException CannotWrite(Exception exception) => new($"{RequestedPath}: cannot write there ({exception.Message})");

    public void Dispose()
    {
        if (!_committed)
            File.Delete(TemporaryPath);
    }
}
