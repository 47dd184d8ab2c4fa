using IntegrationLedger.Application.Persistence.Auditing;

namespace IntegrationLedger.Application.Features.Reporting;

/// <summary>
/// People's emails, token labels and integration names as they stood at the end of the period, looked up
/// by the ids the ledger's rows and events carry. An id with no name then is shown as it is.
/// </summary>
internal sealed class ReportNames
{
    private readonly Dictionary<string, string> _emails;
    private readonly Dictionary<string, string> _tokens;
    private readonly Dictionary<string, string> _integrations;

    public ReportNames(AuditReplay replay)
    {
        _emails = replay.Rows("Person").ToDictionary(p => p.Id, p => p.Text("Email") ?? p.Id, StringComparer.OrdinalIgnoreCase);
        _tokens = replay.Rows("Token").ToDictionary(t => t.Id, t => t.Text("Label") ?? t.Id, StringComparer.OrdinalIgnoreCase);
        _integrations = replay.Rows("Integration").ToDictionary(i => i.Id, i => i.Text("Name") ?? i.Id, StringComparer.OrdinalIgnoreCase);
        TokensById = ByGuid(_tokens);
        IntegrationsById = ByGuid(_integrations);
    }

    /// <summary>Token labels keyed as the event tables key them.</summary>
    public IReadOnlyDictionary<Guid, string> TokensById { get; }

    /// <summary>Integration names keyed as the event tables key them.</summary>
    public IReadOnlyDictionary<Guid, string> IntegrationsById { get; }

    public string? Email(string? personId) => Lookup(_emails, personId);

    public string? Token(string? tokenId) => Lookup(_tokens, tokenId);

    public string? Integration(string? integrationId) => Lookup(_integrations, integrationId);

    /// <summary>The token's label then, or "?" for a token the replay does not know.</summary>
    public string KnownToken(string? tokenId) => tokenId is not null && _tokens.TryGetValue(tokenId, out var label) ? label : "?";

    /// <summary>The integration's name then, or "?" for one the replay does not know.</summary>
    public string KnownIntegration(string? integrationId) => integrationId is not null && _integrations.TryGetValue(integrationId, out var name) ? name : "?";

    private static string? Lookup(Dictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);

    private static Dictionary<Guid, string> ByGuid(Dictionary<string, string> names) =>
        names.Where(n => Guid.TryParse(n.Key, out _)).ToDictionary(n => Guid.Parse(n.Key), n => n.Value);
}
