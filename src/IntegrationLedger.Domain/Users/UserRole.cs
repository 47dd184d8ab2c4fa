namespace IntegrationLedger.Domain.Users;

/// <summary>
/// What a person signed in to the web application may do. Duties are kept apart, as auditors expect:
/// an Admin manages accounts and settings, an Officer changes the inventory, an Auditor reads everything
/// and changes nothing. Everyone signed in may read.
/// </summary>
public enum UserRole
{
    Admin,
    Officer,
    Auditor,
}
