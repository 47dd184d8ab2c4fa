using System.Collections.Concurrent;
using IntegrationLedger.Application.Common.Security;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Testing;

/// <summary>
/// Ledgers made once per test process and copied into each test's folder, so that a test does not run every
/// migration again. A copy is a ledger of its own (its own file, its write-ahead log starting empty); it shares
/// its template's key, so tests that need ledgers with different keys make them for real.
/// </summary>
public static class LedgerTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Made = new();

    /// <summary>
    /// Copies the template called <paramref name="name"/> to <paramref name="databasePath"/>, with its key file
    /// beside it. The first time a name is asked for, <paramref name="build"/> makes the template at the path it is given.
    /// </summary>
    public static async Task CopyAsync(string name, Func<string, Task> build, string databasePath)
    {
        var template = await Made.GetOrAdd(name, _ => new Lazy<Task<string>>(() => MakeAsync(name, build))).Value;
        CopyOwnerOnly(template, databasePath);
        CopyOwnerOnly(LedgerKey.KeyFilePathFor(template), LedgerKey.KeyFilePathFor(databasePath));
    }

    private static async Task<string> MakeAsync(string name, Func<string, Task> build)
    {
        var folder = Directory.CreateTempSubdirectory($"ledger-template-{name}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        var path = Path.Combine(folder, "ledger.db");
        await build(path);

        // Everything into the database file itself: once the log is checkpointed and emptied, the file alone is the ledger.
        using (var connection = RawSql.Open(path, SqliteOpenMode.ReadWrite))
        {
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var result = checkpoint.ExecuteReader();
            if (!result.Read() || result.GetInt64(0) != 0)
                throw new InvalidOperationException($"The template ledger {name} could not be checkpointed: a connection to it is still open.");
        }
        var wal = new FileInfo(path + "-wal");
        if (wal.Exists && wal.Length > 0)
            throw new InvalidOperationException($"The template ledger {name} still has {wal.Length} bytes of write-ahead log.");
        if (!File.Exists(LedgerKey.KeyFilePathFor(path)))
            throw new InvalidOperationException($"The template ledger {name} has no key file.");
        return path;
    }

    /// <summary>Copies into a new file readable by its owner only, as the ledger creates its files.</summary>
    private static void CopyOwnerOnly(string source, string destination)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var from = File.OpenRead(source);
        using var to = new FileStream(destination, options);
        from.CopyTo(to);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder; nothing depends on it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
