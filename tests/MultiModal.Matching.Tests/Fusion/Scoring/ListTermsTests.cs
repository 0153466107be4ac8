using MultiModal.Matching.Fusion;
using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Tests.Fusion.Scoring;

/// <summary>The vector form of the list pass (eight entries at a time) against the scalar form, bit for bit.</summary>
public sealed class ListTermsTests
{
    [Test]
    public void Compute_NoNormalizer_EqualsScalarFormForEveryCombiner() => CheckEveryCombiner<NoNormalizer>();

    [Test]
    public void Compute_MinMax_EqualsScalarFormForEveryCombiner() => CheckEveryCombiner<MinMaxNormalizer>();

    [Test]
    public void Compute_ZScore_EqualsScalarFormForEveryCombiner() => CheckEveryCombiner<ZScoreNormalizer>();

    [Test]
    public void Compute_Dbsf_EqualsScalarFormForEveryCombiner() => CheckEveryCombiner<DbsfNormalizer>();

    [Test]
    public void Compute_Rank_EqualsScalarFormForEveryCombiner() => CheckEveryCombiner<RankNormalizer>();

    [Test]
    public void Compute_MetricMap_WithoutVectorForm_EqualsScalarForm() => CheckEveryCombiner<MetricMapNormalizer>();

    [Test]
    public void Compute_Rrf_MatchesTheFormula()
    {
        float[] raw = [0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f];
        var norm = new float[raw.Length];
        var term = new float[raw.Length];
        ListTerms.Compute<NoNormalizer, RrfCombiner>(raw, norm, term, ListStats.Of(raw, DistanceMetric.Cosine, null), 60f);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.That(term[i], Is.EqualTo(1f / (60f + i + 1)), $"entry {i}");
            Assert.That(norm[i], Is.EqualTo(raw[i]), $"entry {i}");
        }
    }

    private static void CheckEveryCombiner<TNormalizer>()
        where TNormalizer : struct, IScoreNormalizer
    {
        Check<TNormalizer, WeightedSumCombiner>();
        Check<TNormalizer, CombMnzCombiner>();
        Check<TNormalizer, MaxCombiner>();
        Check<TNormalizer, RrfCombiner>();
        Check<TNormalizer, BordaCombiner>();
    }

    private static void Check<TNormalizer, TCombiner>()
        where TNormalizer : struct, IScoreNormalizer
        where TCombiner : struct, IScoreCombiner
    {
        var random = new Random(5);
        for (int length = 1; length <= 41; length++)
        {
            // Random scores, then all-equal scores (σ = 0 and max = min take the constant branches).
            foreach (bool constant in new[] { false, true })
            {
                var raw = Enumerable.Range(0, length).Select(_ => constant ? 0.25f : (random.NextSingle() * 2f) - 1f).OrderDescending().ToArray();
                var stats = ListStats.Of(raw, DistanceMetric.DotProduct, null);
                var norm = new float[length];
                var term = new float[length];
                var expectedNorm = new float[length];
                var expectedTerm = new float[length];
                ListTerms.Compute<TNormalizer, TCombiner>(raw, norm, term, stats, 60f);
                ListTerms.ScalarTail<TNormalizer, TCombiner>(raw, expectedNorm, expectedTerm, stats, 60f, 0);
                string where = $"{typeof(TNormalizer).Name} + {typeof(TCombiner).Name}, length {length}, constant {constant}";
                Assert.That(norm, Is.EqualTo(expectedNorm).AsCollection, where);
                Assert.That(term, Is.EqualTo(expectedTerm).AsCollection, where);
            }
        }
    }
}
