using IntegrationLedger.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationLedger.Web.Hosting;

/// <summary>
/// The web application: Razor Pages rendered on the server over the same Application layer and SQLite
/// ledger as the command line. No script build, nothing fetched from the internet.
/// </summary>
public static class LedgerWebApp
{
    /// <summary>The rate-limit policy on the sign-in page: <see cref="SignInsPerMinute"/> requests a minute from one address.</summary>
    public const string SignInRateLimit = "sign-in";

    private const int SignInsPerMinute = 30;

    public static WebApplication Build(LedgerWebOptions options, string[]? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LedgerWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (urls is { Length: > 0 })
            builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
            // Its keys are protected as the ledger's own key is, by an owner-only folder; its warning that they are
            // not encrypted with a further key would only alarm.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddSingleton(options);
        // The keys that encrypt session cookies live beside the ledger, readable by its owner only, like its own key.
        builder.Services.AddDataProtection()
            .SetApplicationName("IntegrationLedger")
            .PersistKeysToFileSystem(SessionKeysFolder(options.DatabasePath));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<LedgerSession>();
        builder.Services.AddSingleton<UploadedFiles>();
        builder.Services.AddSingleton<DownloadFolder>();
        builder.Services.AddAccessGuards(options);
        builder.Services.AddRazorPages().AddApplicationPart(typeof(LedgerWebApp).Assembly)
            // The use cases' validators decide what a form must hold, as they do for the command line; a
            // non-nullable string on an input model is not, by itself, a required field.
            .AddMvcOptions(mvc => mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        // Names are written as they are (José, 日本) rather than as character references; HTML-significant characters are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Its X-Frame-Options is left to SecurityHeaders, which sends DENY on every response rather than SAMEORIGIN on some.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // The sign-in throttle guards each account; this guards the server: one address cannot keep the password hasher busy.
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.Cookie.Name = "ledger.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
            cookie.Events.OnRedirectToAccessDenied = SessionCookie.DeniedAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ChangeInventory, p => p.RequireRole(Policies.OfficerRole))
            .AddPolicy(Policies.ManageAccounts, p => p.RequireRole(Policies.AdminRole))
            .AddPolicy(Policies.AttestOwnItems, p => p.RequireRole(Policies.OfficerRole, Policies.AdminRole));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedHeadersFromTrustedProxies(options);
        app.UseExceptionHandler("/error");
        // A status answered without a body (a 404, a busy ledger's 503) gets the error page, which says what it means.
        app.UseStatusCodePagesWithReExecute("/error");
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(ChangePolicy.EnforceAsync);
        app.MapRazorPages();
        return app;
    }

    private static DirectoryInfo SessionKeysFolder(string databasePath) =>
        new(OwnerOnlyFolder.Create(Path.GetFullPath(databasePath) + ".web-keys"));
}
