using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    /// <summary>
    /// 24,000 points in 50 well-separated 16-d clusters, inserted single-threaded in a shuffled order at
    /// efConstruction 64. With a greedy upper-layer descent during insert, id 8640 of this exact sequence
    /// landed in a far cluster, was linked only to a far node, and no later neighbour ever linked to it:
    /// reachable by its tree link, but not found by a search for its own vector even at ef = 256.
    /// </summary>
    [Test]
    public void AddRange_ClusteredDataLowEfConstruction_EveryItemFoundByItsOwnVector()
    {
        const int Dimension = 16;
        const int Count = 24_000;
        float[] pool = Clustered(80_000, Dimension, 50, seed: 61);
        int[] order = Enumerable.Range(0, 40_000).ToArray();
        new Random(1002).Shuffle(order);
        int[] ids = order[..Count];
        float[] rows = ids.SelectMany(id => pool.AsSpan(id * Dimension, Dimension).ToArray()).ToArray();
        using var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = DistanceMetric.L2, EfConstruction = 64, InitialCapacity = 64 });
        index.AddRange(ids, rows);
        AssertValid(index);

        var missing = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            if (!FoundByOwnVector(index, ids[i], rows.AsSpan(i * Dimension, Dimension)))
            {
                missing.Add(ids[i]);
            }
        }

        Assert.That(missing, Is.Empty, "ids not found by their own vector at ef = 256");
    }

    /// <summary>
    /// Whether a search for the item's own vector returns it in the top 10 at ef = 64 or, failing that,
    /// at ef = 256: only the rare misses of the cheap beam pay for the wide one.
    /// </summary>
    private static bool FoundByOwnVector(HnswIndex index, int id, ReadOnlySpan<float> vector)
    {
        Span<Neighbor> results = stackalloc Neighbor[10];
        foreach (int ef in (ReadOnlySpan<int>)[64, 256])
        {
            int n = index.Search(vector, 10, results, ef);
            foreach (Neighbor result in results[..n])
            {
                if (result.Id == id)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
