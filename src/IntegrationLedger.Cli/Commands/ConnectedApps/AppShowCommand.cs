using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Features.ConnectedApps;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.ConnectedApps;

/// <summary><c>ledger app show NAME</c>: an app's policy, the users who hold its OAuth tokens, the activity that named it, its history.</summary>
internal sealed class AppShowCommand : LedgerCommand
{
    private readonly Argument<string> _name = Named("NAME", "The app's name, or its id (0H4...) when several share the name");

    public AppShowCommand(CliServices cli)
        : base(cli, "show", "Show a connected app: policy, OAuth token holders and their last use, activity, and its history")
    {
        Arguments.Add(_name);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var details = await new ShowConnectedAppHandler(ledger).HandleAsync(parse.GetValue(_name)!, cancellationToken);
        return Show(parse, details, Render);
    }

    private static string Date(DateTime? at) => at is null ? "unknown" : DisplayText.Date(at);

    private void Render(AppDetails details)
    {
        var a = details.App;
        Output.Line($"{a.Name}  {a.SalesforceId ?? "(no id known)"}{(a.Registered ? "" : "  not in any ConnectedApplication export imported")}");
        Output.Line($"Integration: {a.Integration ?? "none claims it (ledger app set NAME --integration INTEGRATION)"}; vendor: {a.Vendor ?? "unknown"}");
        if (a.Registered)
        {
            Output.Line($"Permitted users: {AppWording.PermittedUsers(a.AdminApprovedUsersOnly, a.Registered)}; refresh tokens: {AppWording.RefreshTokens(a.RefreshTokenValidity, a.RefreshTokenValidityFromLastUse, a.Registered)}; " +
                $"high-assurance session: {(a.HighAssuranceSession switch { true => "required", false => "not required", null => "unknown" })}");
            Output.Line($"Created in Salesforce {Date(a.CreatedInSalesforceAt)}, last changed {Date(a.ModifiedInSalesforceAt)}{(a.StartUrl is null ? "" : "; starts at " + a.StartUrl)}");
        }
        if (details.Holders.Count == 0)
        {
            Output.Line("No OAuth token of this app is known (ledger import sf-oauth-tokens FILE).");
        }
        else
        {
            Output.Line($"OAuth tokens: {a.Tokens.ToString("N0", CultureInfo.InvariantCulture)} held by {a.Users} user(s):");
            var holders = CliOutput.NewTable("User", "User id", "Tokens", "Uses", "Last used");
            foreach (var h in details.Holders)
                holders.AddTextRow(h.Username ?? "", h.UserId ?? "", h.Tokens.ToString(CultureInfo.InvariantCulture), h.UseCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "", DisplayText.Date(h.LastUsedAt) is { Length: > 0 } used ? used : "never");
            Output.Write(holders);
        }
        var activity = details.Activity;
        Output.Line(activity.Events == 0 ? "No API activity names this app."
            : $"Activity: {activity.Events.ToString("N0", CultureInfo.InvariantCulture)} events from {activity.Users} user(s), {DisplayText.Time(activity.FirstAt)} to {DisplayText.Time(activity.LastAt)}.");
        if (details.History.Count > 0)
        {
            Output.Line("History:");
            var history = CliOutput.NewTable("When", "Source", "Who", "What");
            foreach (var c in details.History)
                history.AddTextRow(DisplayText.Time(c.At), c.Source, c.Who ?? "", c.What);
            Output.Write(history);
        }
    }
}
