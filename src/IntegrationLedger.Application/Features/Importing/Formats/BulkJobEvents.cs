namespace IntegrationLedger.Application.Features.Importing.Formats;

/// <summary>
/// The Bulk API 2.0 jobs a file has shown so far. A job writes one event per step (upload complete, in
/// progress, complete), and every one of them must name the same user, object and operation: a row that
/// does not is an error, since the job's rows are counted once, for one of them.
/// </summary>
internal sealed class BulkJobEvents
{
    private readonly Dictionary<string, (long Line, string? UserId, string? Entity, string? Operation)> _jobs = new(StringComparer.Ordinal);

    /// <summary>Why this row cannot belong to the job, or null when it agrees with the job's first row (or is its first).</summary>
    public string? Disagreement(string jobId, long line, string? userId, string? entity, string? operation)
    {
        if (!_jobs.TryGetValue(jobId, out var first))
        {
            _jobs[jobId] = (line, userId, entity, operation);
            return null;
        }
        var differences = new List<string>();
        if (!string.Equals(first.UserId, userId, StringComparison.Ordinal))
            differences.Add($"user {userId ?? "(none)"} where line {first.Line} has {first.UserId ?? "(none)"}");
        if (!string.Equals(first.Entity, entity, StringComparison.OrdinalIgnoreCase))
            differences.Add($"object {entity ?? "(none)"} where line {first.Line} has {first.Entity ?? "(none)"}");
        if (!string.Equals(first.Operation, operation, StringComparison.OrdinalIgnoreCase))
            differences.Add($"operation {operation ?? "(none)"} where line {first.Line} has {first.Operation ?? "(none)"}");
        return differences.Count == 0 ? null
            : $"the state events of Bulk API 2.0 job {jobId} disagree: this one names {string.Join(", ", differences)}";
    }
}
