using System.Text.Json;
using IntegrationLedger.Cli.Infrastructure;

namespace IntegrationLedger.Cli.Demo;

/// <summary>The demonstration organisation as kept in <c>samples/demo/organisation.json</c>.</summary>
/// <param name="AsOf">The moment the demo ledger is built "at", so that every run makes the same ledger.</param>
/// <param name="ExportTimeZone">The zone the organisation's Setup downloads are written in.</param>
/// <param name="Exports">The files of <c>samples/salesforce</c> the demo imports, each as the format its header shows.</param>
/// <param name="AccessExports">The access exports of <c>samples/salesforce</c>, each with the moment it describes.</param>
/// <param name="Training">Security training the organisation's people completed.</param>
/// <param name="AppExports">The ConnectedApplication exports of <c>samples/salesforce</c>.</param>
/// <param name="Incident">The vendor breach the demo works through, from start to close.</param>
internal sealed record DemoOrganisation(
    string Organisation,
    DateTimeOffset AsOf,
    string ExportTimeZone,
    IReadOnlyList<string> Exports,
    IReadOnlyList<DemoPerson> People,
    IReadOnlyList<DemoIntegration> Integrations,
    IReadOnlyList<DemoToken> Tokens,
    IReadOnlyList<DemoUsage> Usages,
    IReadOnlyList<DemoReset> Resets,
    IReadOnlyList<DemoDeparture> Departures,
    IReadOnlyList<DemoAccessExport> AccessExports,
    IReadOnlyList<DemoTraining> Training,
    IReadOnlyList<string> AppExports,
    DemoIncident Incident)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoOrganisation Load(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"The demo organisation file {path} is missing; pass --samples with the folder that holds demo/organisation.json.");
        try
        {
            return JsonSerializer.Deserialize<DemoOrganisation>(File.ReadAllText(path), Json)
                ?? throw new UsageException($"{path} is empty.");
        }
        catch (JsonException exception)
        {
            throw new UsageException($"{path}, line {exception.LineNumber + 1}: {exception.Message}");
        }
    }
}

internal sealed record DemoPerson(string Email, string Name, string? Department);

internal sealed record DemoIntegration(
    string Name,
    string? Vendor,
    string? Owner,
    string? Purpose,
    string? Environment,
    string Network,
    IReadOnlyList<string> AllowCidrs,
    DemoMatch Match,
    DemoVetting? Vetting);

internal sealed record DemoMatch(
    IReadOnlyList<string>? Account,
    IReadOnlyList<string>? Application,
    IReadOnlyList<string>? ConnectedAppId,
    IReadOnlyList<string>? Client);

internal sealed record DemoVetting(string On, string Reviewer, string Outcome, string? Evidence, string? NextReview);

internal sealed record DemoToken(
    string Label,
    string Kind,
    string Owner,
    string? Account,
    string? AccountUserId,
    int? RotateEvery,
    string Issued,
    string? LastRotated);

internal sealed record DemoUsage(string Token, string Integration, string Purpose, string Since, string? SetUpBy);

internal sealed record DemoDeparture(string Email, string On);

internal sealed record DemoAccessExport(string File, DateTimeOffset AsOf);

internal sealed record DemoTraining(string Email, string On, string? Course);

/// <summary>A token reset at a moment of the story, and the integrations confirmed as updated after it.</summary>
internal sealed record DemoReset(string Token, DateTimeOffset At, IReadOnlyList<DemoConfirmation> Confirmations);

internal sealed record DemoConfirmation(string Integration, DateTimeOffset At);

/// <summary>The incident the demo runs: a vendor reported breached, since a day before the demo's moment, and the notes each step is confirmed with.</summary>
internal sealed record DemoIncident(string Vendor, string Reason, string Since, string Reviewer, IReadOnlyList<string> Notes, string CloseNote);
