using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IntegrationLedger.Application.Persistence.Auditing;

/// <summary>
/// A column of an audited row, under the name the audit log gives it: the property's own name, or
/// <c>Complex.Property</c> for a value inside a complex property (an import batch's <c>Counts.Added</c>).
/// </summary>
internal sealed record AuditedProperty(string Name, IProperty Property, Func<EntityEntry, PropertyEntry> Of);

/// <summary>
/// How the audit log writes a row's values: which columns, in what form, and which only as "changed". The
/// change auditor writes with it and verification reads the tables with it, so a row and its replayed
/// entries are compared in the very form the log holds.
/// </summary>
internal static class AuditValues
{
    /// <summary>What the log shows in place of a redacted value that is set.</summary>
    public const string RedactedValue = "(changed)";

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every column the log records for a row of <paramref name="type"/>, complex properties' values included.</summary>
    public static IReadOnlyList<AuditedProperty> Properties(IEntityType type)
    {
        var properties = type.GetProperties().Select(p => new AuditedProperty(p.Name, p, entry => entry.Property(p))).ToList();
        foreach (var complex in type.GetComplexProperties())
        {
            properties.AddRange(complex.ComplexType.GetProperties().Select(p =>
                new AuditedProperty($"{complex.Name}.{p.Name}", p, entry => entry.ComplexProperty(complex).Property(p))));
        }
        return properties;
    }

    public static bool IsRedacted(object entity, AuditedProperty property) =>
        property.Property.FindAnnotation(AuditAnnotations.Redacted) is not null
        || (entity is IRedactsAuditValues row && row.Redacts(property.Name));

    /// <summary>The value as the log records it: redacted values as "(changed)", times to the tick in UTC, enums by name.</summary>
    public static object? Logged(object entity, AuditedProperty property, object? value) =>
        IsRedacted(entity, property) && value is not null ? RedactedValue : Format(value);

    /// <summary>The row's id as its entries name it (the key's values joined by "/").</summary>
    public static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.CurrentValues[p], CultureInfo.InvariantCulture)));

    private static object? Format(object? value) => value switch
    {
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum member => member.ToString(),
        _ => value,
    };
}
