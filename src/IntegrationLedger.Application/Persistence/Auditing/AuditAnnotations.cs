namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>An entity some of whose values the audit log must not copy, depending on the row (a setting derived from the key).</summary>
internal interface IRedactsAuditValues
{
    bool Redacts(string property);
}

internal static class AuditAnnotations
{
    /// <summary>
    /// Marks a property whose value the audit log records only as "changed": a keyed fingerprint is no
    /// secret, but the log has no use for it and every copy is one more thing to protect.
    /// </summary>
    public const string Redacted = "IntegrationLedger:Audit:Redacted";

    /// <summary>
    /// Marks bookkeeping that changes on every run and is not a decision (a finding's last-seen time and
    /// count): a change to it alone writes no audit entry.
    /// </summary>
    public const string Ignored = "IntegrationLedger:Audit:Ignored";
}
