using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationLedger.Web.Tests.Support;

/// <summary>
/// A zip of an Event Monitoring download, made from the sample exports as Salesforce lays one out (a folder
/// per day, a file per event type): three types the ledger reads (API, Login, URI), one it does not
/// (UITracking: the Logout sample with its rows' type renamed), and beside them a CSV that is no export.
/// </summary>
public static partial class SampleDownload
{
    public const string Day = "2026-11-28";

    /// <summary>The rows of each sample, as the samples were written.</summary>
    public const int ApiRows = 10, LoginRows = 12, UriRows = 10, UITrackingRows = 10;

    public const string NotAnExport = "what,is,this\n1,2,3\n";

    /// <summary>A sample export, as copied beside the tests.</summary>
    public static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "salesforce", file));

    /// <summary>The Logout sample, each row of it turned into a UITracking row: a type the ledger sets aside.</summary>
    public static byte[] UITracking() =>
        Encoding.UTF8.GetBytes(LogoutType().Replace(Encoding.UTF8.GetString(Sample("elf-logout.csv")), "\"UITracking\","));

    /// <summary>The download: its members in the order a run reads them (by name).</summary>
    public static (string Member, byte[] Content)[] Members() =>
    [
        ($"{Day}/API.csv", Sample("elf-api.csv")),
        ($"{Day}/Login.csv", Sample("elf-login.csv")),
        ($"{Day}/UITracking.csv", UITracking()),
        ($"{Day}/URI.csv", Sample("elf-uri.csv")),
        ("notes.csv", Encoding.UTF8.GetBytes(NotAnExport)),
    ];

    public static byte[] Zip() => Zip(Members());

    public static byte[] Zip(params (string Member, byte[] Content)[] members)
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (member, content) in members)
            {
                using var entry = zip.CreateEntry(member).Open();
                entry.Write(content);
            }
        }
        return zipped.ToArray();
    }

    [GeneratedRegex("^\"Logout\",", RegexOptions.Multiline)]
    private static partial Regex LogoutType();
}
