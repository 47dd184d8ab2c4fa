namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// Uploads wait here between their dry run and their commit: beside the ledger, readable by its owner
/// only, each in a folder named by a random id so the original file name is kept for the batch record.
/// </summary>
public sealed class UploadedFiles(LedgerWebOptions options)
{
    private string Root => Path.GetFullPath(options.DatabasePath) + ".uploads";

    public async Task<(Guid Id, string Path)> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        RemoveAbandoned();
        var id = Guid.NewGuid();
        var folder = OwnerOnlyFolder.Create(Path.Combine(OwnerOnlyFolder.Create(Root), id.ToString("N")));
        var path = Path.Combine(folder, SafeName(file.FileName));
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, cancellationToken);
        return (id, path);
    }

    /// <summary>
    /// Only the last part of the name the browser sent, so it cannot point anywhere else; a name that is
    /// no file name at all ("..", empty, too long) becomes "upload.csv".
    /// </summary>
    private static string SafeName(string sent)
    {
        var name = Path.GetFileName(sent.Replace('\\', '/')).Trim();
        return name.Length is 0 or > 200 || name.Trim('.').Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "upload.csv" : name;
    }

    /// <summary>A check never committed leaves its upload behind; after a day nobody will commit it.</summary>
    private void RemoveAbandoned()
    {
        if (!Directory.Exists(Root))
            return;
        var dayAgo = options.Clock.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var folder in new DirectoryInfo(Root).GetDirectories().Where(d => d.CreationTimeUtc < dayAgo))
            folder.Delete(recursive: true);
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
