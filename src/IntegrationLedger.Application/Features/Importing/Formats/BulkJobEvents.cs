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
        var differences = Differences((first.UserId, first.Entity, first.Operation), userId, entity, operation, $"line {first.Line} has");
        return differences.Count == 0 ? null
            : $"the state events of Bulk API 2.0 job {jobId} disagree: this one names {string.Join(", ", differences)}";
    }

    /// <summary>
    /// How a job's state event differs from what the job's first event named (<paramref name="held"/>): "user X
    /// where line 4 has Y", one phrase for each of user, object and operation that differs; objects and
    /// operations are compared ignoring case.
    /// </summary>
    public static List<string> Differences((string? UserId, string? Entity, string? Operation) held, string? userId, string? entity, string? operation, string where)
    {
        var differences = new List<string>();
        if (!string.Equals(held.UserId, userId, StringComparison.Ordinal))
            differences.Add($"user {userId ?? "(none)"} where {where} {held.UserId ?? "(none)"}");
        if (!string.Equals(held.Entity, entity, StringComparison.OrdinalIgnoreCase))
            differences.Add($"object {entity ?? "(none)"} where {where} {held.Entity ?? "(none)"}");
        if (!string.Equals(held.Operation, operation, StringComparison.OrdinalIgnoreCase))
            differences.Add($"operation {operation ?? "(none)"} where {where} {held.Operation ?? "(none)"}");
        return differences;
    }
}
