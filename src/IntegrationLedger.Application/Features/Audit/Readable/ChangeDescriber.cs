using System.Globalization;
using System.Text.Json;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.Integrations;
using IntegrationLedger.Domain.People;
using IntegrationLedger.Domain.Tokens;
using IntegrationLedger.Domain.Users;

namespace IntegrationLedger.Application.Features.Audit.Readable;

/// <summary>
/// Turns audit entries into <see cref="ReadableChange"/>s: the records they touch named in bulk
/// (<see cref="RecordNames"/>), the action in words, and the fields people know, before and after.
/// </summary>
internal static class ChangeDescriber
{
    private const string Changed = "changed";

    public static async Task<IReadOnlyList<ReadableChange>> DescribeAsync(LedgerDbContext db, IReadOnlyList<AuditLogEntry> entries, CancellationToken cancellationToken)
    {
        var parsed = entries.Select(e => (Entry: e, Before: Values(e.Before), After: Values(e.After))).ToList();
        var wanted = parsed.SelectMany(p => Mentioned(p.Entry, p.Before, p.After));
        var names = await RecordNames.LoadAsync(db, wanted, cancellationToken);
        return parsed.Select(p => Describe(p.Entry, p.Before, p.After, names)).ToList();
    }

    /// <summary>The entry's own record and every record its values point at.</summary>
    private static IEnumerable<(string Type, string Id)> Mentioned(AuditLogEntry entry, Dictionary<string, JsonElement>? before, Dictionary<string, JsonElement>? after)
    {
        yield return (entry.EntityType, entry.EntityId);
        foreach (var field in RecordKinds.Of(entry.EntityType).Fields.Where(f => f.Format == FieldFormat.Reference))
        {
            foreach (var values in new[] { before, after })
            {
                if (values is not null && values.TryGetValue(field.Column, out var id) && id.ValueKind == JsonValueKind.String)
                    yield return (field.RefersTo!, id.GetString()!);
            }
        }
    }

    private static ReadableChange Describe(AuditLogEntry entry, Dictionary<string, JsonElement>? before, Dictionary<string, JsonElement>? after, RecordNames names)
    {
        var kind = RecordKinds.Of(entry.EntityType);
        var change = (before, after) switch
        {
            (null, _) => ChangeKind.Created,
            (_, null) => ChangeKind.Removed,
            _ => ChangeKind.Changed,
        };
        var fields = new List<FieldChange>();
        foreach (var field in kind.Fields)
        {
            var (had, was) = Lookup(before, field.Column);
            var (has, now) = Lookup(after, field.Column);
            if (!had && !has)
                continue;
            var shownBefore = Show(field, was, names);
            var shownAfter = Show(field, now, names);
            switch (change)
            {
                case ChangeKind.Created when shownAfter is not null:
                    fields.Add(new FieldChange(field.Label, null, shownAfter));
                    break;
                case ChangeKind.Removed when shownBefore is not null:
                    fields.Add(new FieldChange(field.Label, shownBefore, null));
                    break;
                case ChangeKind.Changed when field.Format == FieldFormat.Redacted:
                    // Not even "from what to what": only that it changed.
                    fields.Add(new FieldChange(field.Label, null, Changed));
                    break;
                case ChangeKind.Changed:
                    fields.Add(new FieldChange(field.Label, shownBefore ?? FieldChange.None, shownAfter ?? FieldChange.None));
                    break;
            }
        }
        if (entry.EntityType == nameof(Token) && RotationDue(before, after, names.Row(entry.EntityType, entry.EntityId), change) is { } due)
            fields.Add(due);

        var exists = !names.IsGone(entry.EntityType, entry.EntityId);
        return new ReadableChange(
            entry.Sequence, entry.OccurredAt, entry.Actor, entry.Action, ActionText(entry, after), entry.EntityType, entry.EntityId, kind.Noun,
            names.Of(entry.EntityType, entry.EntityId), exists, exists ? PageKey(entry.EntityType, names.Row(entry.EntityType, entry.EntityId)) : null,
            change, fields, ActionWords.IsAccess(entry.Action));
    }

    /// <summary>The column a record's page is addressed by, for the records that have one.</summary>
    private static string? PageKey(string type, ReplayedRow? row) => type switch
    {
        nameof(Token) => row?.Text(nameof(Token.Label)),
        nameof(Integration) => row?.Text(nameof(Integration.Name)),
        nameof(Person) => row?.Text(nameof(Person.Email)),
        _ => null,
    };

    /// <summary>A record of access says what it was (a failed sign-in is logged under the sign-in action); the rest say their action.</summary>
    private static string ActionText(AuditLogEntry entry, Dictionary<string, JsonElement>? after) =>
        entry.EntityType == nameof(AccessEvent) && Lookup(after, nameof(AccessEvent.Kind)) is (true, { ValueKind: JsonValueKind.String } kind)
            && Enum.TryParse<AccessEventKind>(kind.GetString(), out var access)
            ? access switch
            {
                AccessEventKind.SignedIn => "signed in",
                AccessEventKind.SignInFailed => "failed to sign in",
                AccessEventKind.SignInWhileLockedOut => "tried to sign in while held back after failed attempts",
                AccessEventKind.SignedOut => "signed out",
                AccessEventKind.Denied => "was refused a page or change their role does not allow",
                AccessEventKind.SignInsSlowed => "had an account's sign-ins slowed after failed attempts",
                _ => ActionWords.Of(entry.Action),
            }
            : ActionWords.Of(entry.Action);

    /// <summary>
    /// When a token's rotation falls due follows from its last rotation and its policy (its own, else its kind's):
    /// shown whenever either changes, with what the entry does not say taken from the token as it is known.
    /// </summary>
    private static FieldChange? RotationDue(Dictionary<string, JsonElement>? before, Dictionary<string, JsonElement>? after, ReplayedRow? token, ChangeKind change)
    {
        const string Rotated = nameof(Token.LastRotatedAt), Policy = nameof(Token.RotationPolicyDays);
        if (change == ChangeKind.Removed || (after?.ContainsKey(Rotated) != true && after?.ContainsKey(Policy) != true))
            return null;
        var kind = Enum.TryParse<TokenKind>(token?.Text(nameof(Token.Kind)) ?? Text(after, nameof(Token.Kind)), out var k) ? k : (TokenKind?)null;
        string? DueWith(Dictionary<string, JsonElement>? values)
        {
            var rotated = Time(Text(values, Rotated) ?? token?.Text(Rotated));
            var days = Lookup(values, Policy) is (true, var policy) ? (policy.ValueKind == JsonValueKind.Number ? policy.GetInt32() : null) : token?.Number(Policy);
            days ??= kind?.DefaultRotationDays();
            return rotated is { } at && days is { } d ? DisplayText.Date(at.AddDays(d)) : null;
        }
        var dueAfter = DueWith(after);
        if (change == ChangeKind.Created)
            return dueAfter is null ? null : new FieldChange("rotation due", null, dueAfter);
        var dueBefore = DueWith(before);
        return dueBefore == dueAfter ? null : new FieldChange("rotation due", dueBefore ?? FieldChange.None, dueAfter ?? FieldChange.None);
    }

    /// <summary>A value as people read it; null for none.</summary>
    private static string? Show(RecordField field, JsonElement value, RecordNames names)
    {
        if (field.Format == FieldFormat.SecretEnding)
            return DisplayText.Fingerprint(value.ValueKind == JsonValueKind.String ? value.GetString() : null);
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ValueKind switch
        {
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => value.GetRawText(),
        };
        if (field.Format == FieldFormat.Redacted || text == AuditValues.RedactedValue)
            return "set";
        return field.Format switch
        {
            FieldFormat.Choice => KebabCase.Of(text),
            FieldFormat.Time => Time(text) is { } time ? DisplayText.Time(time) : text,
            FieldFormat.Reference => names.Of(field.RefersTo!, text),
            _ => text,
        };
    }

    private static (bool Found, JsonElement Value) Lookup(Dictionary<string, JsonElement>? values, string column) =>
        values is not null && values.TryGetValue(column, out var value) ? (true, value) : (false, default);

    private static string? Text(Dictionary<string, JsonElement>? values, string column) =>
        Lookup(values, column) is (true, { ValueKind: JsonValueKind.String } value) ? value.GetString() : null;

    private static DateTime? Time(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : null;

    private static Dictionary<string, JsonElement>? Values(string? json)
    {
        if (json is null)
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
