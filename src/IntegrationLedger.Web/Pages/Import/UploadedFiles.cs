using IntegrationLedger.Web.Hosting;

namespace IntegrationLedger.Web.Pages.Import;

/// <summary>
/// Uploads wait here between their dry run and their commit: beside the ledger, readable by its owner
/// only, each in a folder named by a random id so the original file name is kept for the batch record.
/// </summary>
public sealed class UploadedFiles(LedgerWebOptions options)
{
    private string Root => Path.GetFullPath(options.DatabasePath) + ".uploads";

    public async Task<(Guid Id, string Path)> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var folder = Path.Combine(Root, id.ToString("N"));
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Only the last part of the name the browser sent, so it cannot point anywhere else.
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var path = Path.Combine(folder, string.IsNullOrWhiteSpace(name) ? "upload.csv" : name);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, cancellationToken);
        return (id, path);
    }

    public string? Find(Guid id)
    {
        var folder = Path.Combine(Root, id.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder).SingleOrDefault() : null;
    }

    public void Delete(Guid id)
    {
        var folder = Path.Combine(Root, id.ToString("N"));
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
