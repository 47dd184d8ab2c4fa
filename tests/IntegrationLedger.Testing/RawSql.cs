using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Testing;

/// <summary>
/// SQL straight against a ledger's file, behind the application's back, as someone with the file would:
/// each call opens its own unpooled connection and closes it again.
/// </summary>
public static class RawSql
{
    public static SqliteConnection Open(string databasePath, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> and returns the number of rows it changed.</summary>
    public static int Execute(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>The number <paramref name="sql"/> selects.</summary>
    public static long Scalar(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The text <paramref name="sql"/> selects, or null when it selects none.</summary>
    public static string? ScalarText(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    /// <summary>The first column of every row <paramref name="sql"/> selects, as text.</summary>
    public static IReadOnlyList<string> Column(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
