namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>
/// One audit entry as a person reads it: who did what to which record, named as people name it (a token's
/// label, an integration's name, a person's name and email), and the fields they know before and after.
/// Ids, hashes, fingerprints and stamps are left out, and a redacted value is only ever "changed".
/// </summary>
/// <param name="Action">The action as the log records it (<c>token.revoke</c>), for filters and links.</param>
/// <param name="ActionText">The action in words: "revoked a token".</param>
/// <param name="EntityType">The record's type as the log names it (<c>Token</c>), for filters and links.</param>
/// <param name="Noun">The record's kind in words: "token", "token use", "web account".</param>
/// <param name="EntityName">The record's name; for a record since removed, as the log last knew it.</param>
/// <param name="EntityStillExists">False when the record is gone from the ledger and was named from the log.</param>
/// <param name="PageKey">What the record's own page is found by (a token's label, an integration's name, a person's
/// email); null for records that have no page, or are gone.</param>
/// <param name="IsAccess">A sign-in, sign-out or refused request: kept apart from the changes to the ledger.</param>
public sealed record ReadableChange(
    long Sequence,
    DateTime OccurredAt,
    string Actor,
    string Action,
    string ActionText,
    string EntityType,
    string EntityId,
    string Noun,
    string EntityName,
    bool EntityStillExists,
    string? PageKey,
    ChangeKind Kind,
    IReadOnlyList<FieldChange> Fields,
    bool IsAccess)
{
    /// <summary>The change in one line, for a spreadsheet cell or a plain-text log: "status: active → revoked; note: (none) → left".</summary>
    public string FieldsText => string.Join("; ", Fields.Select(f => f.Text));
}

/// <summary>Whether the entry created, changed or removed its record.</summary>
public enum ChangeKind
{
    Created,
    Changed,
    Removed,
}

/// <summary>
/// A field a user knows, as shown to people. A change has both values (<see cref="None"/> for an empty one); a
/// new record has only <see cref="After"/>, and a removed one only <see cref="Before"/>.
/// </summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    public const string None = "(none)";

    public bool IsChange => Before is not null && After is not null;

    public string Text => IsChange ? $"{Field}: {Before} → {After}" : $"{Field}: {After ?? Before}";
}
