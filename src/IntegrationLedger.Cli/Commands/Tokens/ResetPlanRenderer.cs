using IntegrationLedger.Application.Common;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Application.Features.Tokens;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Commands.Tokens;

/// <summary>The table of integrations affected by a reset, shared by reset-plan, reset and confirm.</summary>
internal static class ResetPlanRenderer
{
    public static void Render(CliOutput output, ResetPlan plan)
    {
        var table = CliOutput.NewTable("Integration", "Vendor", "Environment", "Owner", "Purpose", "Status", "Pending since", "Confirmed");
        foreach (var i in plan.Integrations)
        {
            var owner = i.OwnerEmail is null ? "(no owner)" : $"{i.OwnerName} <{i.OwnerEmail}>";
            table.AddTextRow(i.Integration, i.Vendor, i.Environment, owner, i.Purpose, KebabCase.Of(i.Status),
                DisplayText.Time(i.PendingSince), DisplayText.Time(i.ConfirmedAt));
        }
        output.Write(table);
    }
}
