using IntegrationLedger.Domain.Accounts;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Importing;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Reviews;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Usage;
using IntegrationLedger.Domain.Users;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>How a field's value is shown: as written, as a name, a time, or the name of the record an id points at.</summary>
internal enum FieldFormat
{
    Text,

    /// <summary>An enum member, shown in kebab case as everywhere else ("pending-update").</summary>
    Choice,
    Time,
    Date,

    /// <summary>The end of a secret (decision 0009), shown as the token pages show it.</summary>
    SecretEnding,

    /// <summary>A redacted value: only whether it changed is ever shown.</summary>
    Redacted,

    /// <summary>An id, shown as the name of the record it points at (<see cref="RecordField.RefersTo"/>).</summary>
    Reference,
}

/// <summary>A column of an audited record that people know, under the label they know it by.</summary>
internal sealed record RecordField(string Column, string Label, FieldFormat Format = FieldFormat.Text, string? RefersTo = null);

/// <summary>
/// What the log's records are to a reader: each type's kind in words, the fields shown (every other column,
/// such as ids, hashes, stamps and digests, is internal and left out), and how a record is named, with the
/// records its name needs (a token use is named by its token and its integration).
/// </summary>
internal sealed record RecordKind(string Type, string Noun, IReadOnlyList<RecordField> Fields, Func<ReplayedRow, RecordNames, string?> Name)
{
    /// <summary>The references a record's name is made from, so the records they point at are looked up with it.</summary>
    public IEnumerable<RecordField> NamedBy => Fields.Where(f => f.Format == FieldFormat.Reference && LookedUp.Contains(f.Column));

    /// <summary>The columns read for a record of this kind: those its name is made from, and those a derived field (rotation due) needs.</summary>
    public HashSet<string> LookedUp { get; init; } = [];
}

internal static class RecordKinds
{
    private static readonly RecordKind[] Known =
    [
        new(nameof(Person), "person",
        [
            new("Name", "name"), new("Email", "email"), new("Department", "department"), new("Status", "status", FieldFormat.Choice),
            new("DepartedOn", "departed on", FieldFormat.Date),
        ], (row, _) => PersonName(row)) { LookedUp = ["Name", "Email"] },

        new(nameof(Token), "token",
        [
            new("Label", "label"), new("Kind", "kind", FieldFormat.Choice), new("OwnerId", "owner", FieldFormat.Reference, nameof(Person)),
            new("AccountId", "account", FieldFormat.Reference, nameof(Account)), new("Status", "status", FieldFormat.Choice),
            new("LastFour", "secret", FieldFormat.SecretEnding), new("IssuedAt", "issued", FieldFormat.Time),
            new("LastRotatedAt", "last rotated", FieldFormat.Time), new("RotationPolicyDays", "rotation policy (days)"),
            new("RevokedAt", "revoked", FieldFormat.Time), new("RevocationReason", "revocation reason", FieldFormat.Choice),
            new("RevocationNote", "revocation note"),
        ], (row, _) => row.Text("Label")) { LookedUp = ["Label", "Kind", "RotationPolicyDays", "LastRotatedAt"] },

        new(nameof(Integration), "integration",
        [
            new("Name", "name"), new("Vendor", "vendor"), new("Purpose", "purpose"), new("OwnerId", "owner", FieldFormat.Reference, nameof(Person)),
            new("Environment", "environment"), new("Network", "network", FieldFormat.Choice),
        ], (row, _) => row.Text("Name")) { LookedUp = ["Name"] },

        new(nameof(TokenUsage), "token use",
        [
            new("TokenId", "token", FieldFormat.Reference, nameof(Token)), new("IntegrationId", "integration", FieldFormat.Reference, nameof(Integration)),
            new("Purpose", "purpose"), new("Since", "since", FieldFormat.Time), new("SetUpById", "set up by", FieldFormat.Reference, nameof(Person)),
            new("Status", "state", FieldFormat.Choice), new("PendingSince", "waiting for the new value since", FieldFormat.Time),
            new("ConfirmedAt", "confirmed updated", FieldFormat.Time), new("EndedAt", "ended", FieldFormat.Time),
        ], (row, names) => $"{names.Of(nameof(Token), row.Text("TokenId"))} in {names.Of(nameof(Integration), row.Text("IntegrationId"))}")
        { LookedUp = ["TokenId", "IntegrationId"] },

        new(nameof(FormerSecret), "former secret",
        [
            new("TokenId", "token", FieldFormat.Reference, nameof(Token)), new("Ending", "secret", FieldFormat.SecretEnding),
            new("ValidFrom", "valid from", FieldFormat.Time), new("ValidUntil", "replaced", FieldFormat.Time),
        ], (row, names) => $"{names.Of(nameof(Token), row.Text("TokenId"))}'s former secret") { LookedUp = ["TokenId"] },

        new(nameof(AttributionRule), "attribution rule",
        [
            new("IntegrationId", "integration", FieldFormat.Reference, nameof(Integration)), new("Kind", "recognised by", FieldFormat.Choice), new("Value", "value"),
        ], (row, names) => $"{names.Of(nameof(Integration), row.Text("IntegrationId"))}: {Choice(row.Text("Kind"))} {row.Text("Value")}")
        { LookedUp = ["IntegrationId", "Kind", "Value"] },

        new(nameof(AllowedNetwork), "allowed network",
        [
            new("IntegrationId", "integration", FieldFormat.Reference, nameof(Integration)), new("Cidr", "network"),
        ], (row, names) => $"{names.Of(nameof(Integration), row.Text("IntegrationId"))}: {row.Text("Cidr")}") { LookedUp = ["IntegrationId", "Cidr"] },

        new(nameof(VettingRecord), "vendor vetting",
        [
            new("IntegrationId", "integration", FieldFormat.Reference, nameof(Integration)), new("ReviewedOn", "reviewed on", FieldFormat.Date),
            new("Reviewer", "reviewer"), new("Outcome", "outcome", FieldFormat.Choice), new("EvidenceReference", "evidence"),
            new("NextReviewOn", "next review", FieldFormat.Date),
        ], (row, names) => $"{names.Of(nameof(Integration), row.Text("IntegrationId"))}, reviewed {row.Text("ReviewedOn")}")
        { LookedUp = ["IntegrationId", "ReviewedOn"] },

        new(nameof(Account), "account",
        [
            new("Username", "username"), new("Kind", "kind", FieldFormat.Choice), new("OwnerId", "owner", FieldFormat.Reference, nameof(Person)),
            new("PlatformUserId", "user id"),
        ], (row, _) => row.Text("Username")) { LookedUp = ["Username"] },

        new(nameof(Finding), "finding",
        [
            new("RuleId", "rule"), new("Severity", "severity", FieldFormat.Choice), new("SubjectKey", "subject"), new("Summary", "summary"),
            new("Status", "status", FieldFormat.Choice), new("Note", "note"), new("ActedBy", "by"), new("ClosedReason", "closed because"),
        ], (row, _) => $"{row.Text("RuleId")}: {row.Text("SubjectKey")}") { LookedUp = ["RuleId", "SubjectKey"] },

        new(nameof(AccessReview), "access review",
        [
            new("Quarter", "quarter"), new("DueOn", "due on", FieldFormat.Date), new("StartedBy", "started by"), new("CompletedAt", "completed", FieldFormat.Time),
        ], (row, _) => row.Text("Quarter")) { LookedUp = ["Quarter"] },

        new(nameof(ReviewItem), "review item",
        [
            new("Subject", "subject"), new("OwnerId", "owner", FieldFormat.Reference, nameof(Person)), new("Decision", "decision", FieldFormat.Choice),
            new("Note", "note"), new("DecidedBy", "decided by"),
        ], (row, _) => row.Text("Subject")) { LookedUp = ["Subject"] },

        new(nameof(ImportBatch), "import",
        [
            new("FileName", "file"), new("Format", "format"), new("TimeZone", "time zone"), new("Counts.Read", "rows read"),
            new("Counts.Added", "added"), new("Counts.Duplicates", "duplicates"), new("Counts.Rejected", "rejected"),
            new("Counts.SetAside", "set aside"), new("SetAsideTypes", "types set aside"),
            new("Counts.Attributed", "attributed"), new("Counts.Unattributed", "unattributed"),
        ], (row, _) => row.Text("FileName")) { LookedUp = ["FileName"] },

        new(nameof(LedgerSetting), "setting", [new("Value", "value")], (row, _) => row.Text("Name")) { LookedUp = ["Name"] },

        new(nameof(LedgerUser), "web account",
        [
            new("Email", "email"), new("Role", "role", FieldFormat.Choice), new("PasswordHash", "password", FieldFormat.Redacted),
            new("DisabledAt", "disabled", FieldFormat.Time), new("LastSignInAt", "last sign-in", FieldFormat.Time),
        ], (row, _) => row.Text("Email")) { LookedUp = ["Email"] },

        new(nameof(AccessEvent), "sign-in record",
        [
            new("Kind", "what", FieldFormat.Choice), new("Email", "account"), new("Detail", "detail"), new("RemoteAddress", "from address"),
        ], (row, _) => row.Text("Email")) { LookedUp = ["Email"] },

        new(nameof(WebSession), "web session",
        [
            new("UserId", "account", FieldFormat.Reference, nameof(LedgerUser)), new("StartedAt", "started", FieldFormat.Time), new("EndedAt", "ended", FieldFormat.Time),
        ], (row, names) => names.Of(nameof(LedgerUser), row.Text("UserId"))) { LookedUp = ["UserId"] },

        new(nameof(KnownUser), "platform user", [new("Username", "username")], (row, _) => row.Text("Username")) { LookedUp = ["Username"] },
    ];

    private static readonly Dictionary<string, RecordKind> ByType = Known.ToDictionary(k => k.Type, StringComparer.Ordinal);

    /// <summary>
    /// The kind of a type the log names. A type it does not know yet (added by a later change) shows no fields,
    /// rather than columns nobody has judged safe and readable, and is named by its id.
    /// </summary>
    public static RecordKind Of(string type) =>
        ByType.TryGetValue(type, out var kind) ? kind : new RecordKind(type, KebabCase(type), [], (_, _) => "");

    public static string PersonName(ReplayedRow row) => (row.Text("Name"), row.Text("Email")) switch
    {
        ({ } name, { } email) => $"{name} ({email})",
        (var name, var email) => name ?? email ?? "",
    };

    private static string Choice(string? member) => member is null ? "" : Domain.Common.KebabCase.Of(member);

    private static string KebabCase(string type) => Domain.Common.KebabCase.Of(type).Replace('-', ' ');
}
