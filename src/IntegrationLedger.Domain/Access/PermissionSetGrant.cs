using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationLedger.Domain.Access;

/// <summary>
/// One permission set assigned to an account, as the export gave it: its API name and label, whether it is the
/// profile's own set (and the profile's name), the permissions it grants and those the export had columns for
/// (the same for every set of an export, so kept once, on the snapshot, not with each grant).
/// </summary>
public sealed record PermissionSetGrant(
    string Name,
    string? Label,
    bool IsProfile,
    string? Profile,
    SalesforcePermissions Granted,
    [property: JsonIgnore] SalesforcePermissions Known)
{
    /// <summary>How people name it: the profile for a profile's set, else the label or name.</summary>
    [JsonIgnore]
    public string DisplayName => IsProfile ? $"profile {Profile ?? Label ?? Name}" : $"permission set {Name}";
}

/// <summary>The grants of one snapshot, kept as JSON text: readable in the store and in the audit log.</summary>
public static class PermissionSetGrants
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>In name order, so that the same assignments always give the same text.</summary>
    public static string Write(IEnumerable<PermissionSetGrant> grants) =>
        JsonSerializer.Serialize(grants.OrderBy(g => g.IsProfile ? 0 : 1).ThenBy(g => g.Name, StringComparer.Ordinal).ToList(), Json);

    public static IReadOnlyList<PermissionSetGrant> Read(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<List<PermissionSetGrant>>(text, Json) ?? [];
}
