using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [Test]
    public void Churn_DeleteHalfThenAddMore_RecallHoldsWithinTwoPointsOfFreshBuild()
    {
        int dimension = LongTests ? 128 : 32;
        const int Initial = 20_000;
        const int Added = 10_000;
        const int Ef = 32;
        float[] data = Clustered(Initial + Added, dimension, 40, seed: 51);
        using var churned = new HnswIndex(new HnswOptions { Dimension = dimension, Metric = DistanceMetric.L2, EfConstruction = 100, InitialCapacity = Initial });
        churned.AddRange(Enumerable.Range(0, Initial).ToArray(), data.AsMemory(0, Initial * dimension), threads: 2);
        var random = new Random(52);
        int[] order = Enumerable.Range(0, Initial).OrderBy(_ => random.Next()).ToArray();
        var removed = order.Take(Initial / 2).ToHashSet();
        foreach (int id in order.Take(Initial / 2))
        {
            churned.Remove(id);
        }

        churned.AddRange(Enumerable.Range(Initial, Added).ToArray(), data.AsMemory(Initial * dimension), threads: 2);
        AssertValid(churned);

        var surviving = Enumerable.Range(0, Initial + Added).Where(i => !removed.Contains(i)).ToArray();
        using var fresh = new HnswIndex(new HnswOptions { Dimension = dimension, Metric = DistanceMetric.L2, EfConstruction = 100, InitialCapacity = surviving.Length });
        float[] survivingRows = surviving.SelectMany(i => data.AsSpan(i * dimension, dimension).ToArray()).ToArray();
        fresh.AddRange(surviving, survivingRows, threads: 2);

        FlatIndex exact = Exact(surviving.Select(i => (i, data.AsSpan(i * dimension, dimension).ToArray())), dimension, DistanceMetric.L2);
        float[] queries = Clustered(200, dimension, 40, seed: 51, pointSeed: 53);
        double churnedRecall = Recall(churned, exact, queries, 10, Ef);
        double freshRecall = Recall(fresh, exact, queries, 10, Ef);
        TestContext.Out.WriteLine($"churned recall {churnedRecall:F4}, fresh recall {freshRecall:F4}");
        Assert.That(freshRecall, Is.GreaterThanOrEqualTo(0.95), "the stated ef must give the fresh build 0.95");
        Assert.That(churnedRecall, Is.GreaterThanOrEqualTo(freshRecall - 0.02));
    }
}
