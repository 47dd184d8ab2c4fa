using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

internal sealed class TokenShowCommand : LedgerCommand
{
    private readonly Argument<string> _label = Named("TOKEN", "The token's label");

    public TokenShowCommand(CliServices cli)
        : base(cli, "show", "Show a token: lifecycle, and every integration that uses it")
    {
        Arguments.Add(_label);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var details = await new ShowTokenHandler(ledger).HandleAsync(parse.GetValue(_label)!, cancellationToken);
        return Show(parse, details, d => Render(Output, d));
    }

    internal static void Render(CliOutput output, TokenDetails details)
    {
        var t = details.Token;
        output.Line($"{t.Label}  ({KebabCase.Of(t.Kind)}, {DisplayText.Fingerprint(t.LastFour)})");
        output.Line($"Owner: {t.OwnerEmail}{(t.Account is null ? "" : $"   Account: {t.Account}")}");
        output.Line($"Status: {KebabCase.Of(t.Status)}"
            + (details.RevokedAt is { } revoked ? $" on {DisplayText.Time(revoked)}{(details.RevokedBy is { } by ? $" by {by}" : "")} ({KebabCase.Of(details.RevocationReason!)}{(details.RevocationNote is null ? "" : ": " + details.RevocationNote)})" : ""));
        output.Line($"Issued {DisplayText.Time(details.IssuedAt)}, last rotated {DisplayText.Time(t.LastRotatedAt)}"
            + (t.RotationDays is { } days ? $", rotated every {days} days" : "")
            + (t.RotationDueAt is { } due ? $", due {DisplayText.Date(due)}{(t.Overdue ? " (OVERDUE)" : "")}" : ""));

        var usages = CliOutput.NewTable("Integration", "Purpose", "Since", "Set up by", "Status", "Pending since", "Confirmed", "Ended");
        foreach (var u in details.Usages)
        {
            usages.AddTextRow(u.Integration, u.Purpose, DisplayText.Date(u.Since), u.SetUpBy, KebabCase.Of(u.Status),
                DisplayText.Time(u.PendingSince), DisplayText.Time(u.ConfirmedAt), DisplayText.Time(u.EndedAt));
        }
        output.Write(usages);
        if (t.PendingUpdates > 0)
        {
            var waiting = details.Usages.Where(u => u.Status == Domain.Tokens.TokenUsageStatus.PendingUpdate).Select(u => u.Integration);
            output.Line($"Waiting for confirmation after the reset: {string.Join(", ", waiting)}.");
        }
        if (details.Secrets.Count > 0)
        {
            // Each value's period, so an old one found later can be placed; `token find` and `scan` recognise them all.
            var secrets = CliOutput.NewTable("Secret", "Valid from", "Until", "Ended by");
            foreach (var s in details.Secrets)
                secrets.AddTextRow(DisplayText.Fingerprint(s.Ending), DisplayText.Time(s.From), s.Until is null ? "now" : DisplayText.Time(s.Until), s.Ended ?? "");
            output.Write(secrets);
        }
    }
}
