using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// Files made for one download (workbooks, exports, an import's rejected rows): beside the ledger in a
/// folder only its owner can read, since they hold its contents, and gone once sent.
/// </summary>
public sealed class DownloadFolder(LedgerWebOptions options)
{
    private string Root => OwnerOnlyFolder.Create(Path.GetFullPath(options.DatabasePath) + ".downloads");

    public (Guid Id, string Path) NewFile(string extension)
    {
        var id = Guid.NewGuid();
        return (id, System.IO.Path.Combine(Root, $"{id:N}{extension}"));
    }

    public string? Find(Guid id, string extension)
    {
        var path = System.IO.Path.Combine(Root, $"{id:N}{extension}");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The file as a download, sent once: it is deleted when the response has read it.</summary>
    public static FileStreamResult SendOnce(string path, string contentType, string downloadName) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous), contentType)
        {
            FileDownloadName = downloadName,
        };
}
