using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [TestCase(DistanceMetric.L2, false)]
    [TestCase(DistanceMetric.Cosine, false)]
    [TestCase(DistanceMetric.DotProduct, false)]
    [TestCase(DistanceMetric.L2, true)]
    public void TwoTier_Int8_RecallAtLeast95PercentWithExactDistances(DistanceMetric metric, bool fixedRange)
    {
        const int Dimension = 32;
        const int Count = 3000;
        float[] data = Clustered(Count, Dimension, 30, seed: 71);
        var options = new HnswOptions
        {
            Dimension = Dimension,
            Metric = metric,
            EfConstruction = 100,
            Quantization = HnswQuantization.Int8,
            RerankOversampling = 3,
            QuantizationMin = fixedRange ? -4f : null,
            QuantizationMax = fixedRange ? 4f : null,
        };
        using var index = new HnswIndex(options);
        index.AddRange(Enumerable.Range(0, Count).ToArray(), data, threads: 2);
        AssertValid(index);
        Assert.That(index.CaptureHeader().CodeOffset, Is.GreaterThan(0));
        FlatIndex exact = Exact(Rows(data, Dimension), Dimension, metric);
        float[] queries = Clustered(80, Dimension, 30, seed: 71, pointSeed: 72);
        Assert.That(Recall(index, exact, queries, 10, ef: 64), Is.GreaterThanOrEqualTo(0.95));

        // The re-rank is exact: every returned distance is the f32 distance FlatIndex reports for that id.
        var found = new Neighbor[10];
        var all = new Neighbor[Count];
        ReadOnlySpan<float> query = queries.AsSpan(0, Dimension);
        int n = index.Search(query, 10, found, efSearch: 64);
        exact.Search(query, Count, all);
        var exactById = all.ToDictionary(r => r.Id, r => r.Distance);
        for (int i = 0; i < n; i++)
        {
            Assert.That(found[i].Distance, Is.EqualTo(exactById[found[i].Id]).Within(1e-4 * Math.Max(1, Math.Abs(found[i].Distance))));
        }
    }

    [Test]
    public void TwoTier_Int8_SingleAddsAndRemovesKeepGraphValid()
    {
        const int Dimension = 8;
        float[] data = Clustered(600, Dimension, 6, seed: 73);
        using var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = DistanceMetric.L2, Quantization = HnswQuantization.Int8, EfConstruction = 40 });
        for (int i = 0; i < 600; i++)
        {
            index.Add(i, data.AsSpan(i * Dimension, Dimension));
        }

        for (int i = 0; i < 600; i += 3)
        {
            index.Remove(i);
        }

        AssertValid(index);
        var results = new Neighbor[5];
        Assert.That(index.Search(data.AsSpan(Dimension, Dimension), 5, results), Is.EqualTo(5));
        Assert.That(results[0].Id, Is.EqualTo(1));
        Assert.That(results.Select(r => r.Id % 3), Has.None.EqualTo(0));
    }
}
