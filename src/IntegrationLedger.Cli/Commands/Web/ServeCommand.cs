using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Users;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Web.Hosting;
using Microsoft.Extensions.Hosting;

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

    public ServeCommand(CliServices cli)
        : base(cli, "serve", "Start the web application for security officers and auditors", acceptsJson: false)
    {
        Options.Add(_urls);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var users = await new ListUsersHandler(ledger).HandleAsync(cancellationToken);
        var options = Cli.LedgerOptions(parse);
        await ledger.DisposeAsync();

        var urls = parse.GetValue(_urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var app = LedgerWebApp.Build(new LedgerWebOptions(options.DatabasePath, options.Clock, options.KeyFromEnvironment) { BusyTimeout = options.BusyTimeout }, urls);
        Output.Line($"Serving the ledger {options.DatabasePath} at {string.Join(", ", urls)}. Stop with Ctrl+C.");
        foreach (var url in urls.Where(ExposesPlainHttp))
            Output.Line($"Warning: {url} is plain HTTP beyond this machine; passwords and sessions would cross the network readable. Serve HTTPS, or keep to 127.0.0.1 behind a TLS proxy.");
        if (!users.Any(u => u.Role == Domain.Users.UserRole.Admin))
        {
            Output.Line("No admin account yet. Create the first one, then sign in with it:");
            Output.Line($"  printf '%s' 'a long passphrase' | ledger --db {options.DatabasePath} user add you@example.com --role admin");
        }
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Plain HTTP on an address other machines can reach.</summary>
    private static bool ExposesPlainHttp(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
