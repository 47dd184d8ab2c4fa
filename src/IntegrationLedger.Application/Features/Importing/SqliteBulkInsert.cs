using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IntegrationLedger.Application.Features.Importing;

/// <summary>
/// One prepared INSERT driven through SQLite's own API. Microsoft.Data.Sqlite re-binds every parameter
/// of a command on each execution, converting each string to a new UTF-8 array; for millions of rows of
/// twenty-odd columns that is most of an import's time. Here each value is encoded into one reused
/// buffer and bound once per row. The statement runs on the caller's connection, and so inside its
/// transaction.
/// </summary>
internal sealed class SqliteBulkInsert : IDisposable
{
    private const int SqliteDone = 101;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _buffer = new byte[1024];

    public SqliteBulkInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds text (or NULL) to a 1-based parameter index.</summary>
    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > _buffer.Length)
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, index, _buffer.AsSpan(0, length)));
    }

    public void Integer(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    public void Real(int index, double? value) =>
        Check(value is { } number ? raw.sqlite3_bind_double(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement with the values bound; returns how many rows it inserted.</summary>
    public int Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != SqliteDone)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
    }
}
