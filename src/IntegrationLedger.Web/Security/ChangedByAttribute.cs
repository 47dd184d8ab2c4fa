namespace IntegrationLedger.Web.Security;

/// <summary>
/// The policy a page's changes (its POST handlers) need. A page without it accepts no change from anyone
/// signed in: a new page is read-only until it says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ChangedByAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
