using System.CommandLine;
using IntegrationLedger.Application.Features.Importing.Inventory;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Importing;

/// <summary><c>ledger template NAME</c>: the header of an inventory template, to start a spreadsheet from.</summary>
internal sealed class TemplateCommand : Command
{
    private readonly Argument<string> _name = new("NAME") { Description = string.Join(", ", InventoryTemplates.All.Select(t => t.Name)) };
    private readonly Option<bool> _describe = new("--describe") { Description = "Also list each column with what it holds, on standard error" };

    public TemplateCommand(CliServices cli)
        : base("template", "Print the header of an inventory template (people, integrations, tokens, token-usages)")
    {
        _name.AcceptOnlyFromAmong([.. InventoryTemplates.All.Select(t => t.Name)]);
        Arguments.Add(_name);
        Options.Add(_describe);
        SetAction(parse =>
        {
            var template = InventoryTemplates.Find(parse.GetValue(_name)!)!;
            cli.Environment.Out.WriteLine(InventoryTemplates.HeaderLine(template));
            if (parse.GetValue(_describe))
            {
                foreach (var column in template.Columns)
                    cli.Environment.Error.WriteLine($"  {column.Name,-24} {(column.Required ? "required" : "optional")}  {column.Description}");
            }
            return ExitCodes.Success;
        });
    }
}
