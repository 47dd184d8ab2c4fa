namespace IntegrationLedger.Domain.Incidents;

/// <summary>What a runbook step asks for, in the order a breached vendor's runbook takes them.</summary>
public enum IncidentStepKind
{
    /// <summary>Revoke every OAuth token of a connected app in Salesforce (Connected Apps OAuth Usage: Revoke All, or Block).</summary>
    RevokeOauthTokens,

    /// <summary>Rotate a connected app's consumer secret (and its key).</summary>
    RotateConsumerSecret,

    /// <summary>Reset one of the ledger's tokens, through its reset and confirmation.</summary>
    ResetToken,

    /// <summary>Freeze, or restrict, an integration's Salesforce account.</summary>
    FreezeAccount,

    /// <summary>Review the activity since the moment the incident names.</summary>
    ReviewActivity,

    /// <summary>Vet the vendor again before its access returns.</summary>
    RevetVendor,
}

public enum IncidentStepStatus
{
    Pending,
    Done,
    NotApplicable,
}
