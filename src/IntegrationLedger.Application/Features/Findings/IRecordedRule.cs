namespace IntegrationLedger.Application.Features.Findings;

/// <summary>
/// A rule whose findings a command opens from what it saw outside the ledger (a scan of files), not from
/// the ledger's own records. Running the rules cannot see that condition, so it leaves these findings as
/// they are: only a person resolves them.
/// </summary>
public interface IRecordedRule : IRule;
