using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationLedger.Cli.Commands.Web;

/// <summary>
/// Starts the web application over this ledger. The ledger is opened (and migrated) once first, so a
/// schema upgrade and its backup happen here, in view, rather than inside some request.
/// </summary>
internal sealed class ServeCommand : LedgerCommand
{
    private readonly Option<string> _urls = new("--urls")
    {
        Description = "Where to listen, separated by ';' (default: http://127.0.0.1:5080, this machine only)",
        HelpName = "URLS",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    private readonly Option<System.Net.IPNetwork[]> _trustedProxies = CliOptions.Networks("--trusted-proxy",
        "A reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed, an address or a network (repeatable; default: none)");

    public ServeCommand(CliServices cli)
        : base(cli, "serve", "Start the web application for security officers and auditors", acceptsJson: false)
    {
        // Checked while parsing, so a mistyped address is exit code 2 before the ledger is opened.
        _urls.Validators.Add(result =>
        {
            foreach (var url in Split(result.GetValueOrDefault<string>() ?? ""))
            {
                if (!CanListenOn(url))
                    result.AddError($"--urls '{url}' is not an address to listen on; write it as http://HOST:PORT or https://HOST:PORT, e.g. http://127.0.0.1:5080.");
            }
        });
        Options.Add(_urls);
        Options.Add(_trustedProxies);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var users = await new ListUsersHandler(ledger).HandleAsync(cancellationToken);
        var options = Cli.LedgerOptions(parse);
        await ledger.DisposeAsync();

        var urls = Split(parse.GetValue(_urls)!);
        var webOptions = new LedgerWebOptions(options.DatabasePath, options.Clock, options.KeyFromEnvironment)
        {
            BusyTimeout = options.BusyTimeout,
            TrustedProxies = parse.GetValue(_trustedProxies) ?? [],
        };
        await using var app = LedgerWebApp.Build(webOptions, urls,
            // A start that fails is told below in one sentence; the host would also log it with its stack trace.
            builder => builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));
        Output.Line($"Serving the ledger {options.DatabasePath} at {string.Join(", ", urls)}. Stop with Ctrl+C.");
        if (webOptions.TrustedProxies.Count > 0)
            Output.Line($"Client addresses and schemes are taken from X-Forwarded-For and X-Forwarded-Proto on requests from {string.Join(", ", webOptions.TrustedProxies)} only.");
        foreach (var url in urls.Where(ExposesPlainHttp))
            Output.Line($"Warning: {url} is plain HTTP beyond this machine; passwords and sessions would cross the network readable. Serve HTTPS, or keep to 127.0.0.1 behind a TLS proxy.");
        if (!users.Any(u => u.Role == Domain.Users.UserRole.Admin))
        {
            Output.Line("No admin account yet. Create the first one, then sign in with it:");
            Output.Line($"  printf '%s' 'a long passphrase' | ledger --db {options.DatabasePath} user add you@example.com --role admin");
        }
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            // Kestrel's bind failures: the port is taken, or the address is not this machine's. The machine's
            // state, not the command's input: exit code 1, as for a busy ledger.
            Cli.Environment.Error.WriteLine($"Cannot start the web application: {exception.Message.TrimEnd('.')}. Stop what is listening there, or choose another address with --urls.");
            return ExitCodes.Unexpected;
        }
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An address Kestrel can bind, as Kestrel itself parses it (so "*" and "+" hosts pass).</summary>
    private static bool CanListenOn(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme is "http" or "https" && address.Port is >= 0 and <= 65535;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Plain HTTP on an address other machines can reach.</summary>
    private static bool ExposesPlainHttp(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
