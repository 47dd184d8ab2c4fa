using System.Security.Cryptography;
using System.Text;
using IntegrationLedger.Application.Features.Findings.Rules;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Findings;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Application.Features.Tokens.Secrets;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.Scanning;

/// <summary>
/// Records what a scan found as <c>secret-exposed</c> findings, in one audited change: one per token and
/// place (the file's full path, member, line and column). The same secret found again at the same place
/// updates its finding (last seen, how often) and never opens a second one; a finding a person resolved
/// stays resolved, as with every rule (decision 0017). The finding says what was seen, where, which value
/// and when; never the value.
/// </summary>
internal sealed class SecretExposures(Ledger ledger)
{
    /// <summary>A subject is "LABEL @ PLACE"; the web links its token part.</summary>
    public const string SubjectType = "SecretExposure";
    public const string Separator = " @ ";

    private const int LongestKey = Finding.SubjectKeyMaxLength;

    /// <param name="places">For each of <paramref name="found"/>, the place with the file's full path.</param>
    public async Task<(List<SecretFound>, RecordedFindings)> RecordAsync(List<SecretFound> found, IReadOnlyList<string> places, CancellationToken cancellationToken)
    {
        var db = ledger.Db;
        var now = ledger.Now;
        var keys = found.Select((f, i) => Key(f.Match.Token.Label, places[i])).ToList();
        await using var change = await ledger.BeginChangeAsync(AuditActions.ScanRecord, cancellationToken);
        var wanted = keys.Distinct().ToList();
        var existing = await db.Findings
            .Where(f => f.RuleId == SecretExposedRule.RuleId && f.SubjectType == SubjectType && wanted.Contains(f.SubjectKey))
            .ToDictionaryAsync(f => f.SubjectKey, StringComparer.Ordinal, cancellationToken);
        int opened = 0, open = 0, resolved = 0;
        var recorded = new List<SecretFound>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            var summary = Summary(found[i], places[i]);
            if (existing.TryGetValue(keys[i], out var finding))
            {
                if (finding.IsOpen)
                    open++;
                else
                    resolved++;
                finding.SeenAgain(summary, Severity.Critical, now);
            }
            else
            {
                finding = new Finding(SecretExposedRule.RuleId, Severity.Critical, SubjectType, keys[i], summary, now);
                db.Findings.Add(finding);
                existing[keys[i]] = finding;
                opened++;
            }
            recorded.Add(found[i] with { FindingId = finding.ShortId });
        }
        await change.CommitAsync(cancellationToken);
        return (recorded, new RecordedFindings(opened, open, resolved));
    }

    /// <summary>The token and the place; a place too long for the key keeps its end (file name, line, column) and a hash of the whole.</summary>
    private static string Key(string label, string place)
    {
        var key = label + Separator + place;
        if (key.Length <= LongestKey)
            return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var kept = Math.Max(0, LongestKey - label.Length - Separator.Length - hash.Length - 3);
        return $"{label}{Separator}…{place[^kept..]} #{hash}";
    }

    private static string Summary(SecretFound found, string place)
    {
        var match = found.Match;
        var token = match.Token;
        var value = match.State == SecretState.Current ? "its current value" : "a past value";
        var ending = match.Ending.Length > 0 ? $" (ends …{match.Ending})" : "";
        var where = found.Line is { } line ? $"{Shorten(place)}, line {line}, column {found.Column}" : Shorten(place);
        // No time of the scan: the finding keeps first and last seen, and a summary that changed with every scan would write an audit entry each time.
        return $"Token '{token.Label}' ({token.KindAndOwner()}): {value}{ending}, {match.Standing}, was found by a scan in {where}. {match.Advice}";
    }

    private static string Shorten(string place) => place.Length <= 900 ? place : "…" + place[^900..];
}
