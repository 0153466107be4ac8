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

        StoredScoringAssert.EqualsTheKernelOverCopiedVectors(index, query, ids);
    }
}
