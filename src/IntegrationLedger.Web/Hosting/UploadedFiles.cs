using System.Security.Claims;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// Uploads wait here between their dry run and their commit: beside the ledger, readable by its owner
/// only, each in a folder named by a random id so the original file name is kept for the batch record.
/// The id folders sit in the folder of the account that checked the file, so no other account can commit
/// it by its id (as <see cref="DownloadFolder"/> keeps downloads).
/// </summary>
public sealed class UploadedFiles(LedgerWebOptions options)
{
    private string Root => Path.GetFullPath(options.DatabasePath) + ".uploads";

    public async Task<(Guid Id, string Path)> SaveAsync(ClaimsPrincipal owner, IFormFile file, CancellationToken cancellationToken)
    {
        RemoveAbandoned();
        var id = Guid.NewGuid();
        var account = OwnerOnlyFolder.Create(Path.Combine(OwnerOnlyFolder.Create(Root), DownloadFolder.AccountFolderName(owner)));
        var folder = OwnerOnlyFolder.Create(Path.Combine(account, id.ToString("N")));
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

    /// <summary>
    /// A check never committed leaves its upload behind; after a day nobody will commit it. An id folder
    /// straight under the root is from before uploads had owners.
    /// </summary>
    private void RemoveAbandoned()
    {
        if (!Directory.Exists(Root))
            return;
        var dayAgo = options.Clock.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var folder in new DirectoryInfo(Root).GetDirectories())
        {
            if (folder.GetFiles().Length > 0)
            {
                if (folder.CreationTimeUtc < dayAgo)
                    folder.Delete(recursive: true);
                continue;
            }
            foreach (var upload in folder.GetDirectories().Where(d => d.CreationTimeUtc < dayAgo))
                upload.Delete(recursive: true);
            DeleteIfEmpty(folder.FullName);
        }
    }

    /// <summary>The file of upload <paramref name="id"/> if <paramref name="owner"/> checked it; another account's is simply not found.</summary>
    public string? Find(ClaimsPrincipal owner, Guid id)
    {
        var folder = UploadFolder(owner, id);
        return Directory.Exists(folder) ? Directory.GetFiles(folder).SingleOrDefault() : null;
    }

    public void Delete(ClaimsPrincipal owner, Guid id)
    {
        var folder = UploadFolder(owner, id);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        DeleteIfEmpty(Path.GetDirectoryName(folder)!);
    }

    private string UploadFolder(ClaimsPrincipal owner, Guid id) =>
        Path.Combine(Root, DownloadFolder.AccountFolderName(owner), id.ToString("N"));

    private static void DeleteIfEmpty(string folder)
    {
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
    }
}
