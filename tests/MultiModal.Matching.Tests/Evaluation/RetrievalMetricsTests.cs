using MultiModal.Matching.Evaluation;

namespace MultiModal.Matching.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static readonly int[] Ranked = [5, 3, 9, 1];
    private static readonly HashSet<int> Relevant = [3, 1, 7];

    [Test]
    public void Metrics_MatchHandComputedValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RetrievalMetrics.RecallAtK(Ranked, Relevant, 4), Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(RetrievalMetrics.RecallAtK(Ranked, Relevant, 1), Is.Zero);
            Assert.That(RetrievalMetrics.PrecisionAtK(Ranked, Relevant, 4), Is.EqualTo(0.5));
            Assert.That(RetrievalMetrics.PrecisionAtK(Ranked, Relevant, 10), Is.EqualTo(0.2), "missing results count as misses");
            Assert.That(RetrievalMetrics.ReciprocalRank(Ranked, Relevant), Is.EqualTo(0.5));
            // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4).
            Assert.That(RetrievalMetrics.NdcgAtK(Ranked, Relevant, 4), Is.EqualTo(((1 / Math.Log2(3)) + (1 / Math.Log2(5))) / (1 + (1 / Math.Log2(3)) + 0.5)).Within(1e-12));
        });
    }

    [Test]
    public void Metrics_EdgeCases()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RetrievalMetrics.NdcgAtK([3, 1, 7], Relevant, 3), Is.EqualTo(1.0).Within(1e-12), "ideal ranking");
            Assert.That(RetrievalMetrics.NdcgAtK([], Relevant, 3), Is.Zero);
            Assert.That(RetrievalMetrics.RecallAtK(Ranked, new HashSet<int>(), 3), Is.Zero);
            Assert.That(RetrievalMetrics.ReciprocalRank([8, 9], Relevant), Is.Zero);
            Assert.That(() => RetrievalMetrics.NdcgAtK(Ranked, Relevant, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => RetrievalMetrics.RecallAtK(Ranked, null!, 1), Throws.ArgumentNullException);
        });
    }
}
