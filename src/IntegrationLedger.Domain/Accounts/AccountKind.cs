namespace IntegrationLedger.Domain.Accounts;

public enum AccountKind
{
    /// <summary>A person's own login.</summary>
    Personal,

    /// <summary>A login that exists for software to use; a person still answers for it.</summary>
    Integration,
}
