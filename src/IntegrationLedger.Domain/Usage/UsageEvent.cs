namespace IntegrationLedger.Domain.Usage;

/// <summary>
/// One imported row of platform activity: a login, an API call, a use of an OAuth token, a setup change.
/// Every event knows the batch and line it came from. The natural key (the source's own id, or a hash of
/// the row's content where the source has none) makes importing the same activity twice add it once.
/// </summary>
/// <remarks>
/// Events are written in bulk by the importer, not through the change tracker; this type is how the rest
/// of the application reads them.
/// </remarks>
public sealed class UsageEvent
{
    public long Id { get; init; }
    public Guid BatchId { get; init; }
    public long LineNumber { get; init; }

    /// <summary>The import format the event came from, such as <c>sf-elf</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The kind of activity: Login, LoginAs, Logout, API, RestApi, BulkApi, ApiTotalUsage, URI, Report, ReportExport, LoginHistory, OAuthToken, SetupAuditTrail, and Threat Detection's ApiAnomaly, ReportAnomaly, CredentialStuffing, SessionHijacking.</summary>
    public required string EventType { get; init; }

    public required string NaturalKey { get; init; }

    /// <summary>
    /// A 64-bit hash of <see cref="Source"/> and <see cref="NaturalKey"/>; with <see cref="OccurredAt"/>, the
    /// unique pair that makes re-importing idempotent (a small integer is far cheaper to index than the key's
    /// text). Two different events of the same moment that hash alike are told apart by their natural keys:
    /// the second takes the next free value.
    /// </summary>
    public long KeyHash { get; init; }
    public DateTime OccurredAt { get; init; }
    public string? Username { get; init; }

    /// <summary>The Salesforce user id in its 18-character form.</summary>
    public string? UserId { get; init; }

    public string? SourceIp { get; init; }
    public string? LoginType { get; init; }
    public string? Status { get; init; }

    /// <summary>Whether the activity succeeded, where the source says.</summary>
    public bool? Succeeded { get; init; }

    /// <summary>The application or connected app name.</summary>
    public string? Application { get; init; }

    /// <summary>The API client name or user agent the caller gave.</summary>
    public string? ClientName { get; init; }

    public string? ApiType { get; init; }
    public string? ConnectedAppId { get; init; }
    public string? Uri { get; init; }

    /// <summary>What happened, in the source's words: a setup action, an API method and object, a bulk job message.</summary>
    public string? Detail { get; init; }

    /// <summary>For setup changes: what kind of lifecycle evidence it is (PasswordReset, SecurityTokenReset, ConnectedAppChange).</summary>
    public string? Category { get; init; }

    /// <summary>What the event acted on: for setup changes the user or app changed, for Report events and report anomalies the report id.</summary>
    public string? Subject { get; init; }

    /// <summary>For OAuth token rows: how many times the token was used.</summary>
    public long? UseCount { get; init; }

    /// <summary>Rows the request read or wrote (ROWS_PROCESSED, RECORDS_PROCESSED, a report's ROW_COUNT).</summary>
    public long? RowsProcessed { get; init; }

    /// <summary>Rows the request failed on (a Bulk API batch's NUMBER_FAILURES, a Bulk API 2.0 job's RECORDS_FAILED).</summary>
    public long? RowsFailed { get; init; }

    /// <summary>Bytes the request returned to the caller (RESPONSE_SIZE; a report's rows times their average size).</summary>
    public long? BytesReturned { get; init; }

    /// <summary>The object the request touched (ENTITY_NAME, ENTITY_TYPE, a threat event's queried entities).</summary>
    public string? Entity { get; init; }

    /// <summary>What the request did to it: query, upsert, GET, ...</summary>
    public string? Operation { get; init; }

    /// <summary>The Bulk API job the event belongs to: one job writes several events, whose rows count once.</summary>
    public string? JobId { get; init; }

    /// <summary>For Threat Detection events: how anomalous Salesforce judged the activity, from 0 to 1.</summary>
    public double? Score { get; init; }

    /// <summary>For Threat Detection events: the evidence Salesforce gave, as it wrote it (JSON).</summary>
    public string? Data { get; init; }

    public Guid? IntegrationId { get; init; }
    public Guid? TokenId { get; init; }

    /// <summary>
    /// The connected app this activity is tied to: the one its CONNECTED_APP_ID names, else the registered app
    /// its app or client name names. Unlike the attribution it is the register's view, not the import's, so it
    /// stays outside the batch's digest and is tied anew when the register changes.
    /// </summary>
    public string? TiedAppId { get; init; }
}
