using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Tokens;

/// <summary>Confirms that an integration was updated with a token's new value after a reset.</summary>
public sealed record ConfirmTokenUpdate(string Token, string Integration);

public sealed class ConfirmTokenUpdateHandler(Ledger ledger)
{
    public async Task<ResetPlan> HandleAsync(ConfirmTokenUpdate request, CancellationToken cancellationToken = default)
    {
        await using (var change = await ledger.BeginChangeAsync(AuditActions.TokenConfirm, cancellationToken))
        {
            var token = await ledger.Db.RequireTokenAsync(request.Token, cancellationToken);
            var integration = await ledger.Db.RequireIntegrationAsync(request.Integration, cancellationToken);
            token.ConfirmUpdated(integration.Id, integration.Name, ledger.Now);
            await change.CommitAsync(cancellationToken);
        }
        return await new GetResetPlanHandler(ledger).HandleAsync(request.Token, cancellationToken);
    }
}
