using MultiModal.Matching.Fusion;
using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Tests.Fusion.Scoring;

public sealed class NormalizersTests
{
    private static readonly float[] Raw = [0.9f, 0.5f, 0.1f];

    private static ListStats Stats(float[] raw, DistanceMetric metric = DistanceMetric.Cosine, float[]? knots = null) =>
        ListStats.Of(raw, metric, knots);

    [Test]
    public void ListStats_Of_GivesPopulationMoments()
    {
        var s = Stats(Raw);
        Assert.Multiple(() =>
        {
            Assert.That(s.Min, Is.EqualTo(0.1f).Within(1e-6));
            Assert.That(s.Max, Is.EqualTo(0.9f).Within(1e-6));
            Assert.That(s.Mean, Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(s.StdDev, Is.EqualTo(0.326599f).Within(1e-5)); // sqrt((0.16 + 0 + 0.16) / 3)
            Assert.That(s.Length, Is.EqualTo(3));
        });
    }

    /// <summary>The vectorised statistics (eight at a time, with a scalar tail) against a plain double-precision oracle.</summary>
    [Test]
    public void ListStats_Of_MatchesNaiveOracle_AtEveryLengthAroundTheVectorWidth()
    {
        var random = new Random(11);
        for (int length = 1; length <= 41; length++)
        {
            var raw = Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 4f) - 3f).ToArray();
            double mean = raw.Sum(x => (double)x) / length;
            double sigma = Math.Sqrt(raw.Sum(x => (x - mean) * (x - mean)) / length);
            var s = Stats(raw);
            Assert.Multiple(() =>
            {
                Assert.That(s.Min, Is.EqualTo(raw.Min()), $"length {length}");
                Assert.That(s.Max, Is.EqualTo(raw.Max()), $"length {length}");
                Assert.That(s.Mean, Is.EqualTo((float)mean).Within(1e-6), $"length {length}");
                Assert.That(s.StdDev, Is.EqualTo((float)sigma).Within(1e-6), $"length {length}");
            });
        }
    }

    [TestCase(0.9f, 1f)]
    [TestCase(0.5f, 0.5f)]
    [TestCase(0.1f, 0f)]
    [TestCase(0.05f, -0.0625f)] // a recomputed score below the window is not clipped
    public void MinMax_Apply_IsRelativeToRange(float raw, float expected) =>
        Assert.That(MinMaxNormalizer.Apply(raw, 1, Stats(Raw)), Is.EqualTo(expected).Within(1e-6));

    [TestCase(0.9f, 1.2247449f)]
    [TestCase(0.5f, 0f)]
    [TestCase(0.1f, -1.2247449f)]
    public void ZScore_Apply_IsStandardScore(float raw, float expected) =>
        Assert.That(ZScoreNormalizer.Apply(raw, 1, Stats(Raw)), Is.EqualTo(expected).Within(1e-5));

    [TestCase(0.9f, 0.7041241f)] // (0.9 − (0.5 − 3σ)) / 6σ
    [TestCase(0.5f, 0.5f)]
    [TestCase(0.1f, 0.2958759f)]
    public void Dbsf_Apply_MapsThreeSigmaToUnitInterval(float raw, float expected) =>
        Assert.That(DbsfNormalizer.Apply(raw, 1, Stats(Raw)), Is.EqualTo(expected).Within(1e-5));

    [TestCase(DistanceMetric.Cosine, 0.5f, 0.75f)]        // (1 + s) / 2
    [TestCase(DistanceMetric.Cosine, -1f, 0f)]
    [TestCase(DistanceMetric.DotProduct, 1f, 0.75f)]      // 0.5 + atan(1)/π
    [TestCase(DistanceMetric.DotProduct, 0f, 0.5f)]
    [TestCase(DistanceMetric.L2, -1f, 0.5f)]              // d = 1: 1 − 2·atan(1)/π
    [TestCase(DistanceMetric.L2, 0f, 1f)]
    public void MetricMap_Apply_FollowsMilvus(DistanceMetric metric, float raw, float expected) =>
        Assert.That(MetricMapNormalizer.Apply(raw, 1, Stats(Raw, metric)), Is.EqualTo(expected).Within(1e-6));

    [TestCase(1, 1f)]
    [TestCase(2, 2f / 3)]
    [TestCase(3, 1f / 3)]
    [TestCase(4, 0f)] // a virtual rank beyond the list
    [TestCase(0, 0f)] // unranked
    public void Rank_Apply_IsLinearInRank(int rank, float expected) =>
        Assert.That(RankNormalizer.Apply(0f, rank, Stats(Raw)), Is.EqualTo(expected).Within(1e-6));

    [Test]
    public void Calibrated_Apply_InterpolatesPercentile()
    {
        float[] knots = [0f, 0.2f, 0.4f, 0.8f, 1f];
        var s = Stats(Raw, knots: knots);
        Assert.Multiple(() =>
        {
            Assert.That(CalibratedNormalizer.Apply(0.3f, 1, s), Is.EqualTo(0.375f).Within(1e-6)); // (1 + 0.5) / 4
            Assert.That(CalibratedNormalizer.Apply(0.6f, 1, s), Is.EqualTo(0.625f).Within(1e-6)); // (2 + 0.5) / 4
            Assert.That(CalibratedNormalizer.Apply(-5f, 1, s), Is.EqualTo(0f));
            Assert.That(CalibratedNormalizer.Apply(5f, 1, s), Is.EqualTo(1f));
        });
    }

    [Test]
    public void AllNormalizers_SingleResult_AreFiniteWithDocumentedValues()
    {
        var s = Stats([0.7f]);
        Assert.Multiple(() =>
        {
            Assert.That(MinMaxNormalizer.Apply(0.7f, 1, s), Is.EqualTo(1f), "min = max gives 1 (Weaviate)");
            Assert.That(ZScoreNormalizer.Apply(0.7f, 1, s), Is.EqualTo(0f), "σ = 0 gives 0");
            Assert.That(DbsfNormalizer.Apply(0.7f, 1, s), Is.EqualTo(0.5f), "single point gives 0.5 (Qdrant)");
            Assert.That(RankNormalizer.Apply(0.7f, 1, s), Is.EqualTo(1f));
        });
    }

    [Test]
    public void AllNormalizers_AllEqualScores_AreNaNFree()
    {
        var s = Stats([0.3f, 0.3f, 0.3f, 0.3f]);
        for (int rank = 1; rank <= 4; rank++)
        {
            foreach (float v in new[]
            {
                MinMaxNormalizer.Apply(0.3f, rank, s), ZScoreNormalizer.Apply(0.3f, rank, s), DbsfNormalizer.Apply(0.3f, rank, s),
                RankNormalizer.Apply(0.3f, rank, s), MetricMapNormalizer.Apply(0.3f, rank, s), NoNormalizer.Apply(0.3f, rank, s),
            })
            {
                Assert.That(float.IsFinite(v), Is.True);
            }
        }
    }

    [Test]
    public void ListStats_EmptyList_IsZeroAndNormalizersStayFinite()
    {
        var s = Stats([]);
        Assert.Multiple(() =>
        {
            Assert.That(s.Length, Is.Zero);
            Assert.That(float.IsFinite(MinMaxNormalizer.Apply(0.2f, 0, s)), Is.True);
            Assert.That(float.IsFinite(ZScoreNormalizer.Apply(0.2f, 0, s)), Is.True);
            Assert.That(float.IsFinite(DbsfNormalizer.Apply(0.2f, 0, s)), Is.True);
            Assert.That(RankNormalizer.Apply(0.2f, 1, s), Is.Zero);
        });
    }

    [Test]
    public void ScoreMath_ToSimilarity_InvertsEachMetricsDistance()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ScoreMath.ToSimilarity(DistanceMetric.Cosine, 0.25f), Is.EqualTo(0.75f));
            Assert.That(ScoreMath.ToSimilarity(DistanceMetric.DotProduct, -2f), Is.EqualTo(2f));
            Assert.That(ScoreMath.ToSimilarity(DistanceMetric.L2, 4f), Is.EqualTo(-2f));
        });
    }
}
