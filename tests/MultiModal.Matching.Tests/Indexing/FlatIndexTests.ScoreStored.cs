using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Indexing;

public sealed partial class FlatIndexTests
{
    [TestCase(DistanceMetric.Cosine)]
    [TestCase(DistanceMetric.DotProduct)]
    [TestCase(DistanceMetric.L2)]
    public void ScoreStored_ManyIdsSomeMissing_EqualsTheKernelOverCopiedVectors(DistanceMetric metric)
    {
        const int dimension = 48;
        var vectors = RandomVectors(300, dimension, 11);
        var index = new FlatIndex(dimension, metric);
        for (int id = 0; id < vectors.Length; id++)
        {
            index.Add(id * 3, vectors[id]);
        }

        index.Remove(30);
        var rng = new Random(12);
        var ids = Enumerable.Range(0, 150).Select(_ => rng.Next(900)).Append(30).ToArray();
        float[] query = vectors[5];
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
                float expected = metric == DistanceMetric.L2 ? Matching.Numerics.VectorKernels.L2Squared(query, stored) : Matching.Numerics.VectorKernels.Dot(query, stored);
                Assert.That(scores[i], Is.EqualTo(expected), $"id {ids[i]}");
            }
        }

        Assert.That(hits, Is.EqualTo(expectedHits));
        Assert.That(found[^1], Is.False, "a removed id is not found");
    }
}
