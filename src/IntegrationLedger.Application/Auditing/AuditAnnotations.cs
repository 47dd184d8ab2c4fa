namespace IntegrationLedger.Application.Auditing;

internal static class AuditAnnotations
{
    /// <summary>
    /// Marks a property whose value the audit log records only as "changed": a keyed fingerprint is no
    /// secret, but the log has no use for it and every copy is one more thing to protect.
    /// </summary>
    public const string Redacted = "IntegrationLedger:Audit:Redacted";
}
