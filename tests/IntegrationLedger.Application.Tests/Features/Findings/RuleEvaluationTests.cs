using IntegrationLedger.Application.Features.Findings;
using IntegrationLedger.Application.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationLedger.Application.Tests.Features.Findings;

/// <summary>
/// The rules run side by side on several read connections, except inside a change, where they run one by
/// one on its own context. Both ways must find the same, rule by rule and in the rule book's order.
/// </summary>
public sealed class RuleEvaluationTests
{
    [Test]
    public async Task Rules_SideBySide_FindWhatTheyFindOneByOne()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-fixture-").FullName;
        try
        {
            foreach (var file in new[] { "ledger.db", "ledger.db.key" })
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-before-findings", file), Path.Combine(folder, file));
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
            await using var ledger = await Ledger.OpenAsync(TestLedger.Options(folder, clock));
            var settings = await RuleBook.CurrentSettingsAsync(ledger.Db, CancellationToken.None);

            var (sideBySide, _) = await RuleEvaluation.RunAsync(ledger, ledger.Now, settings, CancellationToken.None);
            IReadOnlyList<RuleOutcome> oneByOne;
            await using (await ledger.BeginChangeAsync("test.rules-one-by-one"))
                (oneByOne, _) = await RuleEvaluation.RunAsync(ledger, ledger.Now, settings, CancellationToken.None);

            Assert.That(sideBySide.Select(o => o.Rule.Id), Is.EqualTo(RuleBook.All.Select(r => r.Id)), "every rule, in the book's order");
            Assert.That(Found(sideBySide), Is.EqualTo(Found(oneByOne)));
            Assert.That(sideBySide.Count(o => o.Results.Count > 0), Is.GreaterThanOrEqualTo(3), "a run that finds something under several rules");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Found(IReadOnlyList<RuleOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Results.Select(r => $"{o.Rule.Id} | {r.SubjectType} | {r.SubjectKey} | {r.Summary}")).ToList();
}
