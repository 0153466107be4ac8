using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Indexing;

/// <summary>The check shared by every index's in-place scoring test: the scorer against the kernel over copied vectors.</summary>
internal static class StoredScoringAssert
{
    /// <summary>
    /// Scores <paramref name="ids"/> through the index's <see cref="IStoredVectorScorer"/> and asserts, id by id, that
    /// <c>found</c> agrees with <see cref="IVectorIndex.TryGetVector"/> and each score equals the kernel (squared L2, or
    /// the dot product) over the copied vector bit for bit; the last id must be one the index does not hold.
    /// </summary>
    public static void EqualsTheKernelOverCopiedVectors(IVectorIndex index, float[] query, int[] ids)
    {
        var scores = new float[ids.Length];
        var found = new bool[ids.Length];
        int hits = ((IStoredVectorScorer)index).ScoreStored(query, ids, scores, found);
        var stored = new float[index.Dimension];
        int expectedHits = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            bool live = index.TryGetVector(ids[i], stored);
            Assert.That(found[i], Is.EqualTo(live), $"id {ids[i]}");
            if (live)
            {
                expectedHits++;
                float expected = index.Metric == DistanceMetric.L2 ? VectorKernels.L2Squared(query, stored) : VectorKernels.Dot(query, stored);
                Assert.That(scores[i], Is.EqualTo(expected), $"id {ids[i]}");
            }
        }

        Assert.That(hits, Is.EqualTo(expectedHits));
        Assert.That(found[^1], Is.False, "a removed id is not found");
    }
}
