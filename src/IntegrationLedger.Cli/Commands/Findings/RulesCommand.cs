using IntegrationLedger.Domain.Common;
using System.CommandLine;
using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Findings;

/// <summary><c>ledger rules</c>: what each rule checks, its severity and its thresholds.</summary>
internal sealed class RulesCommand : Command
{
    public RulesCommand(CliServices cli)
        : base("rules", "Explain every rule: id, severity, what it checks and its settings")
    {
        SetAction(_ =>
        {
            foreach (var rule in RuleBook.All)
            {
                cli.Output.Line($"{rule.Id} ({KebabCase.Of(rule.Severity)}): {rule.Title}");
                cli.Output.Line($"  {rule.Explanation}");
                foreach (var setting in rule.Settings)
                    cli.Output.Line($"  setting {rule.Id}.{setting.Name} (default {setting.Default}): {setting.Description}");
                cli.Output.Line();
            }
            return ExitCodes.Success;
        });
    }
}
