using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// Files made for one download (workbooks, exports, an import's rejected rows): beside the ledger in a
/// folder only its owner can read, since they hold its contents, and gone once sent. Each file belongs to
/// the account that asked for it, in that account's own folder, so no other account can fetch it by its id;
/// one that is never fetched is removed after <see cref="KeptFor"/>.
/// </summary>
public sealed class DownloadFolder(LedgerWebOptions options)
{
    /// <summary>How long a file waits to be fetched: long enough to read the check's page first.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    // The moment a file was made is in its name, so its age is read by the ledger's clock, whatever the file system says.
    private const string MadeAtFormat = "yyyyMMdd'T'HHmmssfff";

    private string Root => Path.GetFullPath(options.DatabasePath) + ".downloads";

    private DateTime Now => options.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A new file's id and path, in the folder of the account <paramref name="owner"/> is signed in as.</summary>
    public (Guid Id, string Path) NewFile(ClaimsPrincipal owner, string extension)
    {
        var id = Guid.NewGuid();
        var folder = OwnerOnlyFolder.Create(Path.Combine(OwnerOnlyFolder.Create(Root), AccountFolderName(owner)));
        var name = $"{id:N}-{Now.ToString(MadeAtFormat, CultureInfo.InvariantCulture)}{extension}";
        return (id, Path.Combine(folder, name));
    }

    /// <summary>
    /// The file <paramref name="id"/> if <paramref name="owner"/> made it and it has not expired; an expired
    /// one is removed now. Another account's file is simply not found, so an id it holds is not confirmed.
    /// </summary>
    public string? Find(ClaimsPrincipal owner, Guid id, string extension)
    {
        var folder = Path.Combine(Root, AccountFolderName(owner));
        if (!Directory.Exists(folder))
            return null;
        var path = Directory.EnumerateFiles(folder, $"{id:N}-*{extension}").FirstOrDefault();
        if (path is null || !HasExpired(path))
            return path;
        File.Delete(path);
        return null;
    }

    /// <summary>Removes every file past its time (run at start and every few minutes), and the account folders left empty.</summary>
    public void RemoveExpired()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(HasExpired).ToList())
            File.Delete(path);
        foreach (var folder in Directory.EnumerateDirectories(Root).Where(f => !Directory.EnumerateFileSystemEntries(f).Any()).ToList())
            Directory.Delete(folder);
    }

    /// <summary>The file as a download, sent once: it is deleted when the response has read it.</summary>
    public static FileStreamResult SendOnce(string path, string contentType, string downloadName) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous), contentType)
        {
            FileDownloadName = downloadName,
        };

    /// <summary>
    /// Past <see cref="KeptFor"/> by the moment in its name; a file named otherwise (one left half-written by
    /// a crash, or from before files had owners) by the time it was last written.
    /// </summary>
    private bool HasExpired(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var madeAt = dash > 0 && DateTime.TryParseExact(name[(dash + 1)..], MadeAtFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var named)
            ? named
            : File.GetLastWriteTimeUtc(path);
        return Now - madeAt >= KeptFor;
    }

    /// <summary>Pages that make downloads need a signed-in account (the fallback policy), so the id is always there.</summary>
    /// <summary>The folder name of the account <paramref name="owner"/> is signed in as: its id, never its email.</summary>
    internal static string AccountFolderName(ClaimsPrincipal owner) =>
        Guid.TryParse(owner.FindFirstValue(ClaimTypes.NameIdentifier), out var account)
            ? account.ToString("N")
            : throw new InvalidOperationException("A file kept between requests belongs to a signed-in account; this request has none.");
}
