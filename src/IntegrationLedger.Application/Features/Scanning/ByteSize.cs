using System.Globalization;

namespace IntegrationLedger.Application.Features.Scanning;

/// <summary>A number of bytes as people read it: "100 MiB", "2.5 GiB", "512 bytes".</summary>
public static class ByteSize
{
    public static string Of(long bytes) => bytes switch
    {
        >= 1L << 30 => Scaled(bytes, 30, "GiB"),
        >= 1L << 20 => Scaled(bytes, 20, "MiB"),
        >= 1L << 10 => Scaled(bytes, 10, "KiB"),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static string Scaled(long bytes, int shift, string unit) =>
        (bytes / (double)(1L << shift)).ToString("0.#", CultureInfo.InvariantCulture) + " " + unit;
}
