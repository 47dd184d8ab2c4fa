using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Findings;
using Spectre.Console;

namespace IntegrationLedger.Cli.Commands.Findings;

/// <summary><c>ledger findings</c>: run the rules and list what needs doing.</summary>
internal sealed class FindingsCommand : LedgerCommand
{
    private readonly Option<bool> _all = new("--all") { Description = "Also list resolved findings" };
    private readonly Option<bool> _timings = new("--timings") { Description = "Write how long each rule took to standard error" };
    private readonly Option<Severity?> _severity = CliOptions.OptionalChoice<Severity>("--severity", "Only findings of this severity");
    private readonly Option<string?> _rule = CliOptions.Parsed<string?>(
        "--rule", $"Only findings of this rule: {string.Join(", ", RuleBook.All.Select(r => r.Id))}", "RULE", IsRule, NotARule);

    public FindingsCommand(CliServices cli)
        : base(cli, "findings", "Run the rules and list open findings (re-running updates them, never duplicates them)")
    {
        Options.Add(_all);
        Options.Add(_severity);
        Options.Add(_rule);
        Options.Add(_timings);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new RunRules(parse.GetValue(_all), parse.GetValue(_severity), parse.GetValue(_rule));
        var handler = new RunRulesHandler(ledger);
        var findings = await handler.HandleAsync(request, cancellationToken);
        if (parse.GetValue(_timings))
        {
            foreach (var (step, took) in handler.Timings)
                Cli.Environment.Error.WriteLine(FormattableString.Invariant($"{step,-32} {took.TotalSeconds,8:F3} s"));
            Cli.Environment.Error.WriteLine(FormattableString.Invariant($"{"rules in all",-32} {handler.RulesTook.TotalSeconds,8:F3} s (side by side; each rule's own time above)"));
        }
        return Show(parse, findings, list =>
        {
            if (list.Count == 0)
            {
                Output.Line(request.Severity is null && request.Rule is null ? "No open findings." : "No open findings match --severity or --rule.");
                return;
            }
            var table = CliOutput.NewTable("Id", "Severity", "Rule", "Subject", "Finding", "Status", "First seen", "Seen");
            foreach (var f in list)
            {
                table.AddRow(
                    CliOutput.Text(f.Id), CliOutput.Text(KebabCase.Of(f.Severity), SeverityStyle(f.Severity)), CliOutput.Text(f.Rule), CliOutput.Text(f.Subject),
                    CliOutput.Text(f.Summary), CliOutput.Text(KebabCase.Of(f.Status)), CliOutput.Text(DisplayText.Date(f.FirstSeenAt)),
                    CliOutput.Text(f.Occurrences.ToString(CultureInfo.InvariantCulture) + "x"));
            }
            Output.Write(table);
            Output.Line($"{list.Count(f => f.Status != FindingStatus.Resolved)} open finding(s). Work them with 'ledger finding ack|resolve ID --note TEXT'; 'ledger rules' explains each rule.");
        });
    }

    private static bool IsRule(string text, out string? rule)
    {
        rule = RuleBook.All.FirstOrDefault(r => string.Equals(r.Id, text.Trim(), StringComparison.OrdinalIgnoreCase))?.Id;
        return rule is not null;
    }

    private static string NotARule(string option, string text) =>
        $"{option} '{text}' is not a rule; 'ledger rules' lists them ({string.Join(", ", RuleBook.All.Select(r => r.Id))}).";

    private static Style SeverityStyle(Severity severity) => severity switch
    {
        Severity.Critical => new Style(Color.Red, decoration: Decoration.Bold),
        Severity.High => new Style(Color.Red),
        Severity.Medium => new Style(Color.Yellow),
        _ => Style.Plain,
    };
}
