using System.Net;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Domain.Integrations;

/// <summary>A source network (CIDR) from which an integration is expected to connect.</summary>
public sealed class AllowedNetwork
{
    private AllowedNetwork()
    {
        Cidr = null!;
    }

    internal AllowedNetwork(Guid integrationId, string cidr, DateTime createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        IntegrationId = integrationId;
        Cidr = Normalize(cidr);
    }

    public Guid Id { get; private set; }
    public Guid IntegrationId { get; private set; }
    public string Cidr { get; private set; }

    public bool Contains(IPAddress address) => IPNetwork.Parse(Cidr).Contains(address);

    /// <summary>
    /// Canonical CIDR text. A bare address is taken as a single host; host bits set in the prefix
    /// (<c>192.0.2.7/24</c>) are refused because they usually mean a typo.
    /// </summary>
    public static string Normalize(string cidr)
    {
        var text = Guard.Required(cidr, "An allowed network");
        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var host))
            text = $"{host}/{(host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}";
        if (!IPNetwork.TryParse(text, out var network))
            throw new DomainException($"'{cidr}' is not a network in CIDR notation such as 192.0.2.0/24.");
        var written = IPAddress.Parse(text[..text.IndexOf('/', StringComparison.Ordinal)]);
        if (!written.Equals(network.BaseAddress))
            throw new DomainException($"'{cidr}' has host bits set; did you mean {network}?");
        return network.ToString();
    }
}
