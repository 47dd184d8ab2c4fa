using System.Globalization;
using IntegrationLedger.Domain.Activity;
using IntegrationLedger.Domain.Usage;
using IntegrationLedger.Application.Features.Importing;
using IntegrationLedger.Application.Features.Importing.Formats;
using Microsoft.Data.Sqlite;

namespace IntegrationLedger.Application.Features.Activity;

/// <summary>
/// Keeps the activity baselines (<see cref="ActivityDay"/> and its objects, sources, Bulk API 2.0 jobs and
/// failed-login hours) up to date with the events an import adds: each added event is counted in memory as
/// it is written, and <see cref="FlushAsync"/> adds the totals to the tables in the import's own
/// transaction, so the baselines never disagree with the events and no rule has to rescan them.
/// <c>ledger activity rebuild</c> feeds every stored event through the same counting.
/// </summary>
internal sealed class ActivityBaselineWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly ActivityCounts _counts = new();
    private readonly Dictionary<string, JobState> _jobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _jobsNotStored = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Username, DateTime Hour), HourTotals> _failedLogins = [];

    /// <summary>Whether events of this type are activity the baselines count: not setup changes, OAuth token snapshots or Threat Detection's verdicts.</summary>
    public static bool Counts(string eventType) =>
        eventType is not (UsageEventTypes.SetupAuditTrail or UsageEventTypes.OAuthToken) && !UsageEventTypes.IsThreatDetection(eventType);

    /// <summary>
    /// Why this Bulk API 2.0 event cannot belong to the job the ledger already holds under its id (another
    /// user, object or operation), or null. Asked before the event is written, so the row is refused instead.
    /// </summary>
    public async Task<string?> JobDisagreementAsync(UsageEvent e, CancellationToken cancellationToken)
    {
        if (e.EventType != UsageEventTypes.BulkApi2 || e.JobId is not { } jobId)
            return null;
        if ((await JobAsync(jobId, cancellationToken)) is not { } job)
            return null;
        var differences = BulkJobEvents.Differences((job.UserId, job.Entity, job.Operation), e.UserId, e.Entity, e.Operation, "the ledger holds");
        return differences.Count == 0 ? null
            : $"the state events of Bulk API 2.0 job {jobId} disagree with those imported before: this one names {string.Join(", ", differences)}";
    }

    /// <summary>Counts an event that was added to the ledger, under the integration and account it was attributed to.</summary>
    public async Task AddAsync(UsageEvent e, Guid? integrationId, string? username, CancellationToken cancellationToken)
    {
        if (!Counts(e.EventType))
            return;
        var day = DateOnly.FromDateTime(e.OccurredAt);
        if (e.Succeeded == false && username is not null && e.EventType is UsageEventTypes.Login or UsageEventTypes.LoginHistory)
            AddFailedLogin(username, e.OccurredAt);

        // A Bulk API 2.0 job is one request however many state events it wrote: counted on the day it began,
        // its rows by how far this event's count goes beyond the largest seen so far.
        long calls = 1, rows = e.RowsProcessed ?? 0, bytes = e.BytesReturned ?? 0;
        var countedOn = day;
        if (e.EventType == UsageEventTypes.BulkApi2 && e.JobId is { } jobId)
        {
            var job = await JobAsync(jobId, cancellationToken);
            if (job is null)
            {
                job = _jobs[jobId] = new JobState(day, e.UserId, username, integrationId, e.Entity, e.Operation) { Dirty = true };
            }
            else
            {
                calls = 0;
                integrationId = job.IntegrationId;
                username = job.Username;
                // An event from before the day the job was counted on (its files came in out of order): the
                // job began that day, so what was counted for it moves there, as a rebuild would count it.
                if (day < job.Day)
                    job = MoveJob(jobId, job, day);
            }
            countedOn = job.Day;
            rows = Math.Max(0, rows - job.Rows);
            bytes = Math.Max(0, bytes - job.Bytes);
            job.Rows += rows;
            job.Bytes += bytes;
            job.Dirty |= rows > 0 || bytes > 0;
        }

        var (integrationSubject, accountSubject) = _counts.SubjectsOf(integrationId, username);
        if (integrationSubject is { } integrationCounted)
            _counts.Add(integrationCounted, e, day, countedOn, calls, rows, bytes);
        if (accountSubject is { } accountCounted)
            _counts.Add(accountCounted, e, day, countedOn, calls, rows, bytes);
    }

    /// <summary>Moves a job's call, rows and bytes, and its object's, from the day it was counted on to an earlier one.</summary>
    private JobState MoveJob(string jobId, JobState job, DateOnly day)
    {
        var (integration, account) = _counts.SubjectsOf(job.IntegrationId, job.Username);
        foreach (var subject in new[] { integration, account }.OfType<int>())
        {
            _counts.Count(subject, job.Entity, job.Day, -1, -job.Rows, -job.Bytes);
            _counts.Count(subject, job.Entity, day, 1, job.Rows, job.Bytes);
        }
        return _jobs[jobId] = job with { Day = day, Dirty = true };
    }

    /// <summary>
    /// Adds what was counted to the baseline tables, in the transaction the events were written in. A day the
    /// tables do not hold yet (the usual case: an import brings new days) is inserted whole; only a day they
    /// already hold is added to. Each statement is prepared once and driven through SQLite's own API
    /// (<see cref="SqliteBulkInsert"/>): an import of a million events can bring a million account days.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var held = await DaysHeldAsync(cancellationToken);
        using var insertDay = new SqliteBulkInsert(connection,
            "INSERT INTO ActivityDays (Scope, Subject, Day, Calls, Failures, Rows, Bytes, Objects, Sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        using var addToDay = new SqliteBulkInsert(connection,
            "UPDATE ActivityDays SET Calls = Calls + ?4, Failures = Failures + ?5, Rows = Rows + ?6, Bytes = Bytes + ?7, Objects = Objects + ?8, Sources = Sources + ?9 " +
            "WHERE Scope = ?1 AND Subject = ?2 AND Day = ?3");
        using var insertObject = new SqliteBulkInsert(connection,
            "INSERT INTO ActivityObjects (Scope, Subject, Day, Entity, Calls, Rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        using var addToObject = new SqliteBulkInsert(connection,
            "UPDATE ActivityObjects SET Calls = Calls + ?5, Rows = Rows + ?6 WHERE Scope = ?1 AND Subject = ?2 AND Day = ?3 AND Entity = ?4");
        using var insertSource = new SqliteBulkInsert(connection,
            "INSERT INTO ActivitySources (Scope, Subject, Day, Source, Calls) VALUES (?1, ?2, ?3, ?4, ?5)");
        // An object left with neither calls nor rows (its job moved to the day it began) is no longer the day's.
        using var removeIfEmpty = new SqliteBulkInsert(connection,
            "DELETE FROM ActivityObjects WHERE Scope = ?1 AND Subject = ?2 AND Day = ?3 AND Entity = ?4 AND Calls = 0 AND Rows = 0");
        using var addToSource = new SqliteBulkInsert(connection,
            "UPDATE ActivitySources SET Calls = Calls + ?5 WHERE Scope = ?1 AND Subject = ?2 AND Day = ?3 AND Source = ?4");

        // Binds the key every statement of a day starts with.
        static void Key(SqliteBulkInsert statement, string scope, string subject, string day)
        {
            statement.Text(1, scope);
            statement.Text(2, subject);
            statement.Text(3, day);
        }

        // Adds to a row of the day's set, or inserts it: +1 when the row is new (one more distinct value that day),
        // -1 when it was emptied and removed, 0 otherwise.
        static int AddOrInsert(SqliteBulkInsert add, SqliteBulkInsert insert, SqliteBulkInsert? removeIfEmpty, bool dayHeld,
            string scope, string subject, string day, string value, long calls, long? rows)
        {
            void Bind(SqliteBulkInsert statement)
            {
                Key(statement, scope, subject, day);
                statement.Text(4, value);
                statement.Integer(5, calls);
                if (rows is { } count)
                    statement.Integer(6, count);
            }
            if (dayHeld)
            {
                Bind(add);
                if (add.Execute() == 1)
                {
                    if (removeIfEmpty is null || calls > 0 || rows > 0)
                        return 0;
                    Key(removeIfEmpty, scope, subject, day);
                    removeIfEmpty.Text(4, value);
                    return -removeIfEmpty.Execute();
                }
            }
            // What this import moved away again within itself leaves nothing to write.
            if (calls <= 0 && (rows ?? 0) <= 0)
                return 0;
            Bind(insert);
            if (insert.Execute() == 1)
                return 1;
            throw new InvalidOperationException($"The baseline row {scope}/{subject}/{day}/{value} could be neither added to nor inserted.");
        }

        foreach (var counted in _counts.InKeyOrder())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (scope, subject, day) = (counted.Scope, counted.Subject, DayText(counted.Day));
            var dayHeld = held.Contains((scope, subject, day));
            long newObjects = 0, newSources = 0;
            foreach (var (name, calls, rows) in counted.Objects)
                newObjects += AddOrInsert(addToObject, insertObject, removeIfEmpty, dayHeld, scope, subject, day, name, calls, rows);
            foreach (var (address, calls) in counted.Sources)
                newSources += AddOrInsert(addToSource, insertSource, null, dayHeld, scope, subject, day, address, calls, null);
            var statement = dayHeld ? addToDay : insertDay;
            Key(statement, scope, subject, day);
            statement.Integer(4, counted.Totals.Calls);
            statement.Integer(5, counted.Totals.Failures);
            statement.Integer(6, counted.Totals.Rows);
            statement.Integer(7, counted.Totals.Bytes);
            statement.Integer(8, newObjects);
            statement.Integer(9, newSources);
            if (statement.Execute() != 1)
                throw new InvalidOperationException($"The baseline day {scope}/{subject}/{day} was not written.");
        }

        await using var job = Command(
            "INSERT INTO BulkJobs (JobId, Day, UserId, Username, IntegrationId, Entity, Operation, Rows, Bytes) " +
            "VALUES ($id, $day, $user, $username, $integration, $entity, $operation, $rows, $bytes) " +
            "ON CONFLICT (JobId) DO UPDATE SET Day = excluded.Day, Rows = excluded.Rows, Bytes = excluded.Bytes",
            "$id", "$day", "$user", "$username", "$integration", "$entity", "$operation", "$rows", "$bytes");
        foreach (var (id, state) in _jobs.Where(j => j.Value is { Dirty: true }))
        {
            await RunAsync(job, cancellationToken, id, DayText(state!.Day), state.UserId, state.Username,
                state.IntegrationId is { } integration ? GuidText(integration) : null, state.Entity, state.Operation, state.Rows, state.Bytes);
        }

        await using var hour = Command(
            "INSERT INTO FailedLoginHours (Username, Hour, Failures, FirstAt, LastAt) VALUES ($username, $hour, $failures, $first, $last) " +
            "ON CONFLICT (Username, Hour) DO UPDATE SET Failures = Failures + excluded.Failures, " +
            "FirstAt = min(FirstAt, excluded.FirstAt), LastAt = max(LastAt, excluded.LastAt)",
            "$username", "$hour", "$failures", "$first", "$last");
        foreach (var ((username, start), totals) in _failedLogins)
            await RunAsync(hour, cancellationToken, username, TimeText(start), totals.Failures, TimeText(totals.First), TimeText(totals.Last));
    }

    /// <summary>The days between the first and last this import counted that the tables already hold.</summary>
    private async Task<HashSet<(string Scope, string Subject, string Day)>> DaysHeldAsync(CancellationToken cancellationToken)
    {
        var held = new HashSet<(string, string, string)>();
        if (_counts.IsEmpty)
            return held;
        await using var command = Command("SELECT Scope, Subject, Day FROM ActivityDays WHERE Day >= $first AND Day <= $last", "$first", "$last");
        command.Parameters[0].Value = DayText(_counts.FirstDay);
        command.Parameters[1].Value = DayText(_counts.LastDay);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            held.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return held;
    }

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time as EF Core writes and reads it in SQLite.</summary>
    public static string TimeText(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string GuidText(Guid id) => id.ToString().ToUpperInvariant();

    private void AddFailedLogin(string username, DateTime at)
    {
        var key = (username, new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc));
        if (!_failedLogins.TryGetValue(key, out var totals))
            _failedLogins[key] = totals = new HourTotals { First = at, Last = at };
        totals.Failures++;
        if (at < totals.First)
            totals.First = at;
        if (at > totals.Last)
            totals.Last = at;
    }

    /// <summary>The job as counted so far: in this import, else as the ledger holds it; null for a job never seen.</summary>
    private async Task<JobState?> JobAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(jobId, out var known))
            return known;
        if (_jobsNotStored.Contains(jobId))
            return null;
        await using var command = Command("SELECT Day, UserId, Username, IntegrationId, Entity, Operation, Rows, Bytes FROM BulkJobs WHERE JobId = $id", "$id");
        command.Parameters[0].Value = jobId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            _jobsNotStored.Add(jobId);
            return null;
        }
        string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
        var stored = new JobState(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), Text(1), Text(2),
            Text(3) is { } integration ? Guid.Parse(integration) : null, Text(4), Text(5))
        {
            Rows = reader.GetInt64(6),
            Bytes = reader.GetInt64(7),
        };
        _jobs[jobId] = stored;
        return stored;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }

    private static async Task RunAsync(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class HourTotals
    {
        public long Failures;
        public DateTime First;
        public DateTime Last;
    }

    private sealed record JobState(DateOnly Day, string? UserId, string? Username, Guid? IntegrationId, string? Entity, string? Operation)
    {
        public long Rows { get; set; }
        public long Bytes { get; set; }
        public bool Dirty { get; set; }
    }
}
