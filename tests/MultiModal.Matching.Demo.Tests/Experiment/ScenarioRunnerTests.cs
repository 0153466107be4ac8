using MultiModal.Matching.Demo.Scenario.Catalogue;
using MultiModal.Matching.Demo.Scenario.Experiment;

namespace MultiModal.Matching.Demo.Tests.Experiment;

/// <summary>The demo's scenario at a fifth of its size, run once for all tests (seeded, so the figures are fixed).</summary>
public sealed class ScenarioRunnerTests
{
    private static readonly Lazy<ScenarioResult> s_result = new(() => ScenarioRunner.Run(new ScenarioOptions
    {
        Catalogue = new CatalogueOptions { ItemCount = 600, QueryCount = 150 },
    }));

    private static ScenarioResult Result => s_result.Value;

    [TestCase("late RRF (k=60)")]
    [TestCase("late DBSF")]
    [TestCase("early (joint index)")]
    [TestCase("hybrid (early → exact re-rank)")]
    public void Run_FusedStrategy_BeatsEverySingleModality(string name)
    {
        StrategyResult fused = Result.Complete.Single(r => r.Strategy.Name == name);
        foreach (StrategyResult single in Result.Complete.Where(r => !r.Strategy.IsFused))
        {
            Assert.That(fused.Recall, Is.GreaterThan(single.Recall), $"{name} vs {single.Strategy.Name}: {Describe()}");
            Assert.That(fused.Mrr, Is.GreaterThan(single.Mrr), $"{name} vs {single.Strategy.Name}: {Describe()}");
        }
    }

    [Test]
    public void Run_ModalitiesMissing_LateFusionDegradesGracefully()
    {
        StrategyResult complete = Result.Complete.Single(r => r.Strategy.Name == "late RRF (k=60)");
        StrategyResult gaps = Result.WithGaps.Single(r => r.Strategy.Name == "late RRF (k=60)");

        // Losing about 30 % of the query's modalities costs recall, but late fusion still beats the best
        // single modality on the same gappy queries and keeps at least half of its complete-query recall.
        Assert.That(gaps.Recall, Is.LessThanOrEqualTo(complete.Recall), Describe());
        Assert.That(gaps.Recall, Is.GreaterThan(ScenarioResult.BestSingle(Result.WithGaps)), Describe());
        Assert.That(gaps.Recall, Is.GreaterThanOrEqualTo(0.5 * complete.Recall), Describe());
    }

    [Test]
    public void Run_ExplainedExample_IsTheRightItemWithOneEntryPerModality()
    {
        Assert.That(Result.Example, Is.Not.Null);
        ExplainedExample example = Result.Example!;
        Assert.That(example.Match.Explanation.Select(e => e.Modality.Name), Is.EqualTo(new[] { "text", "image", "audio" }));
        Assert.That(example.SingleModalityRanks.Values, Has.None.EqualTo(1));
        Assert.That(example.Match.Attributes, Is.Not.Null.And.ContainKey("category"));
    }

    private static string Describe() => string.Join("; ", Result.Complete.Zip(Result.WithGaps)
        .Select(p => $"{p.First.Strategy.Name}: {p.First.Recall:F3}/{p.Second.Recall:F3}"));
}
