using System.Security.Cryptography;

namespace IntegrationLedger.Web.Security;

/// <summary>
/// The headers that tell a browser how little to trust what it is sent, on every response: pages, redirects,
/// downloads, error pages, the 403 and 429 replies. They are written when the response starts, so nothing
/// earlier in the request (the antiforgery cookie's X-Frame-Options, an exception handler clearing the
/// response) can leave them out or weaken them.
/// </summary>
internal static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    /// <summary>
    /// HSTS (the framework's, which answers only requests that came over HTTPS, and not on localhost), then
    /// these headers. Placed after the error handlers, so a page they re-execute is covered as well.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseHsts();
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state => Add((HttpContext)state), context);
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The one-time value the layout's inline stylesheet carries: the pages fetch nothing, so their styles are
    /// inline, and the policy lets through only the style element that carries this request's nonce.
    /// </summary>
    public static string StyleNonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
            context.Items[NonceKey] = nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return nonce;
    }

    private static Task Add(HttpContext context)
    {
        var headers = context.Response.Headers;
        // No scripts at all, styles only from the layout, nothing framed, forms posted only to this server.
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'none'; style-src 'nonce-{StyleNonce(context)}'; object-src 'none'; " +
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        // A reply that echoes what was sent (a file name, a field) is never read as HTML or script.
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Addresses name tokens and people: they do not leave this server in a Referer.
        headers["Referrer-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
