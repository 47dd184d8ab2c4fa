namespace IntegrationLedger.Application.Tests.Support;

/// <summary>The files under samples/, copied beside the tests.</summary>
public static class Samples
{
    /// <summary>The header of a LoginHistory export from the API, for tests that write their own rows.</summary>
    public const string LoginHistoryHeader = "Id,UserId,LoginTime,LoginType,SourceIp,Status,Application";

    public static string Salesforce(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file);

    /// <summary>Writes a file for one test, in a folder the test's ledger removes.</summary>
    public static string Write(TestLedger test, string name, string content)
    {
        var path = Path.Combine(test.Folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
