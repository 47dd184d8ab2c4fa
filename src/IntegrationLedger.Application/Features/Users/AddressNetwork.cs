using System.Net;
using System.Net.Sockets;

namespace IntegrationLedger.Application.Features.Users;

/// <summary>Who is one source of attempts, for the sign-in throttle and for counting repeated refusals.</summary>
internal static class AddressNetwork
{
    /// <summary>What stands for an attempt whose address the server did not see.</summary>
    public const string Unknown = "(no address)";

    /// <summary>
    /// An IPv4 address is itself; an IPv6 address stands for its /64, since a single subscriber is usually
    /// given a whole /64 and could otherwise pass for billions of sources.
    /// </summary>
    public static string Of(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var parsed))
            return address ?? Unknown;
        if (parsed.IsIPv4MappedToIPv6)
            return parsed.MapToIPv4().ToString();
        if (parsed.AddressFamily != AddressFamily.InterNetworkV6)
            return parsed.ToString();
        var bytes = parsed.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
