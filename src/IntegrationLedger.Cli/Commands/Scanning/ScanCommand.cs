using System.CommandLine;
using System.Globalization;
using IntegrationLedger.Application;
using IntegrationLedger.Application.Features.Scanning;
using IntegrationLedger.Application.Features.Scanning.Reading;
using IntegrationLedger.Cli.Infrastructure;
using IntegrationLedger.Domain.Common;

namespace IntegrationLedger.Cli.Commands.Scanning;

/// <summary>
/// <c>ledger scan PATH... [--record]</c>: where have registered secrets, current or past, leaked? Exit 0
/// when none is found, 4 when one is. What is printed names the place, the token and what to do; never the
/// secret, nor the text around it.
/// </summary>
internal sealed class ScanCommand : LedgerCommand
{
    private const int ShownSkips = 20;

    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "Files and folders to look through (folders recursively, .zip, .gz and .tar included)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> _record = new("--record") { Description = "Open a critical secret-exposed finding for each secret found" };

    private readonly Option<long> _maxSize = CliOptions.Parsed<long>(
        "--max-size", $"Skip files (and archive members) larger than this: bytes, or with K, M or G (default {ByteSize.Of(ScanForSecrets.DefaultLargestFile)})",
        "SIZE", TryParseSize, (option, text) => $"{option} '{text}' is not a size; write it as bytes or with K, M or G, such as 500M.");

    public ScanCommand(CliServices cli)
        : base(cli, "scan", "Look through files and folders for registered secrets, current or past (exit 0 when none is found, 4 when one is)")
    {
        Arguments.Add(_paths);
        Options.Add(_record);
        _maxSize.DefaultValueFactory = _ => ScanForSecrets.DefaultLargestFile;
        Options.Add(_maxSize);
    }

    protected override async Task<int> RunAsync(Ledger ledger, ParseResult parse, CancellationToken cancellationToken)
    {
        var request = new ScanForSecrets(parse.GetValue(_paths)!, parse.GetValue(_maxSize), parse.GetValue(_record));
        var report = await new ScanForSecretsHandler(ledger).HandleAsync(request, cancellationToken);
        Show(parse, Json(report), _ => Render(report, request));
        return report.Found.Count > 0 ? ExitCodes.SecretFound : ExitCodes.Success;
    }

    private void Render(ScanReport report, ScanForSecrets request)
    {
        foreach (var found in report.Found)
        {
            var match = found.Match;
            var token = match.Token;
            var value = match.Ending.Length > 0 ? $"value ending …{match.Ending}" : "value";
            Output.UnwrappedLine($"{found.Place}: token '{token.Label}' ({token.KindAndOwner()}, {KebabCase.Of(token.Status)}); " +
                $"{value}, {match.Standing}" + (found.FindingId is { } id ? $"; finding {id}" : ""));
            Output.UnwrappedLine("    " + match.Advice);
        }

        var counts = report.Counts;
        var unread = report.Skipped.Where(s => s.Reason != SkipReason.Binary).ToList();
        foreach (var skipped in unread.Take(ShownSkips))
            Output.Line($"Not read: {skipped.Location}: {skipped.Detail}.");
        if (unread.Count > ShownSkips)
            Output.Line($"Not read: {unread.Count - ShownSkips} more; --json lists them all.");

        var archives = counts.ArchivesOpened > 0 ? $", {Number(counts.ArchivesOpened)} archive(s) opened" : "";
        Output.Line($"Read {Number(counts.FilesRead)} file(s), {ByteSize.Of(counts.BytesRead)}{archives}; skipped {Number(counts.SkippedBinary)} binary, " +
            $"{Number(counts.SkippedTooLarge)} over {ByteSize.Of(request.LargestFile)} (--max-size changes it), {Number(counts.SkippedUnreadable)} unreadable, " +
            $"{Number(counts.SkippedNotFiles)} not regular files.");
        Output.Line(counts.Found == 0
            ? $"No registered secret found (the ledger knows {Number(counts.SecretsKnown)}, current and past)."
            : $"Found {Number(counts.Found)} registered secret(s). Nothing of them is printed beyond the end the ledger shows.");
        if (report.Recorded is { } recorded)
        {
            Output.Line($"Recorded: {Number(recorded.Opened)} secret-exposed finding(s) opened, {Number(recorded.AlreadyOpen)} already open"
                + (recorded.AlreadyResolved > 0 ? $", {Number(recorded.AlreadyResolved)} resolved before (left resolved)" : "")
                + "; 'ledger findings --rule secret-exposed' lists them.");
        }
    }

    /// <summary>The shape scripts rely on: what was found, the counts, what was not read, and what was recorded.</summary>
    private static object Json(ScanReport report) => new
    {
        found = report.Found.Select(f => new
        {
            location = f.Location,
            file = f.File,
            member = f.Member,
            line = f.Line,
            column = f.Column,
            token = new
            {
                label = f.Match.Token.Label,
                kind = f.Match.Token.Kind,
                owner = f.Match.Token.OwnerEmail,
                status = f.Match.Token.Status,
            },
            secret = new
            {
                state = f.Match.State,
                ending = f.Match.Ending,
                validFrom = f.Match.ValidFrom,
                endedAt = f.Match.EndedAt,
                integrations = f.Match.Integrations,
            },
            advice = f.Match.Advice,
            finding = f.FindingId,
        }),
        counts = report.Counts,
        skipped = report.Skipped.Select(s => new { location = s.Location, reason = s.Reason, detail = s.Detail }),
        recorded = report.Recorded,
    };

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim().TrimEnd('B', 'b');
        if (trimmed.EndsWith('i'))
            trimmed = trimmed[..^1];
        var shift = trimmed.Length == 0 ? 0 : char.ToUpperInvariant(trimmed[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        var number = shift > 0 ? trimmed[..^1] : trimmed;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return false;
        var result = value * (1L << shift);
        if (result > long.MaxValue / 2 || result < 1)
            return false;
        bytes = (long)result;
        return true;
    }
}
