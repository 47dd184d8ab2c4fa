using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace IntegrationLedger.Web.Security;

/// <summary>
/// Behind a reverse proxy every request arrives from the proxy's address; the client's is in X-Forwarded-For.
/// The framework's forwarded-headers middleware takes it from there, but only when the request came from one
/// of <see cref="LedgerWebOptions.TrustedProxies"/>; from anyone else the headers are ignored. What it sets
/// is what the sign-in rate limit partitions by and what the audit log records.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>First in the pipeline, so everything after it (HSTS, cookies, rate limit, audit) sees the client.</summary>
    public static WebApplication UseForwardedHeadersFromTrustedProxies(this WebApplication app, LedgerWebOptions options)
    {
        if (options.TrustedProxies.Count == 0)
            return app;
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every hop of a chain of trusted proxies; the walk from the right stops at the first address not trusted.
            ForwardLimit = null,
        };
        // The framework trusts loopback out of the box; here only what was configured is trusted.
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var network in options.TrustedProxies)
            forwarded.KnownIPNetworks.Add(network);
        app.UseForwardedHeaders(forwarded);
        return app;
    }
}
