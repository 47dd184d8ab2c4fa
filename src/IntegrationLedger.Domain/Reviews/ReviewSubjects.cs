namespace IntegrationLedger.Domain.Reviews;

/// <summary>What a <see cref="ReviewItem"/> attests, as its <see cref="ReviewItem.SubjectType"/> names it.</summary>
public static class ReviewSubjects
{
    public const string TokenUsage = "TokenUsage";
    public const string Integration = "Integration";

    /// <summary>An active token nothing uses.</summary>
    public const string Token = "Token";

    /// <summary>
    /// An integration account's access level in Salesforce (its permission sets, API-only state, MFA): least
    /// privilege, attested keep, change or revoke. The subject id is the account's.
    /// </summary>
    public const string AccountAccess = "AccountAccess";
}
