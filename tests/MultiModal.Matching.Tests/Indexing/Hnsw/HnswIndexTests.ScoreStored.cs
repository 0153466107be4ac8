using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [TestCase(DistanceMetric.Cosine, HnswQuantization.None)]
    [TestCase(DistanceMetric.DotProduct, HnswQuantization.None)]
    [TestCase(DistanceMetric.L2, HnswQuantization.None)]
    [TestCase(DistanceMetric.Cosine, HnswQuantization.Int8)]
    public void ScoreStored_ManyIdsSomeMissing_EqualsTheKernelOverTryGetVector(DistanceMetric metric, HnswQuantization quantization)
    {
        const int dimension = 40;
        var data = HnswTestSupport.Clustered(400, dimension, 8, seed: 21);
        using var index = new HnswIndex(new HnswOptions { Dimension = dimension, Metric = metric, M = 8, EfConstruction = 32, Quantization = quantization });
        for (int i = 0; i < 400; i++)
        {
            index.Add(i * 2, data.AsSpan(i * dimension, dimension));
        }

        index.Remove(10);
        var rng = new Random(22);
        var ids = Enumerable.Range(0, 130).Select(_ => rng.Next(850)).Append(10).ToArray();
        var query = data.AsSpan(0, dimension).ToArray();
        if (metric == DistanceMetric.Cosine)
        {
            VectorKernels.NormalizeInPlace(query);
        }

        var scores = new float[ids.Length];
        var found = new bool[ids.Length];
        int hits = ((IStoredVectorScorer)index).ScoreStored(query, ids, scores, found);
        var stored = new float[dimension];
        int expectedHits = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            bool live = index.TryGetVector(ids[i], stored);
            Assert.That(found[i], Is.EqualTo(live), $"id {ids[i]}");
            if (live)
            {
                expectedHits++;
                float expected = metric == DistanceMetric.L2 ? VectorKernels.L2Squared(query, stored) : VectorKernels.Dot(query, stored);
                Assert.That(scores[i], Is.EqualTo(expected), $"id {ids[i]}");
            }
        }

        Assert.That(hits, Is.EqualTo(expectedHits));
        Assert.That(found[^1], Is.False, "a removed id is not found");
    }
}
