using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed unsafe partial class HnswIndexTests
{
    [Test]
    public void Search_EmptyIndex_ReturnsNothing()
    {
        using var index = new HnswIndex(new HnswOptions { Dimension = 4 });
        Assert.That(index.Search([1f, 0, 0, 0], 5, new Neighbor[5]), Is.Zero);
    }

    [TestCase(DistanceMetric.L2)]
    [TestCase(DistanceMetric.Cosine)]
    [TestCase(DistanceMetric.DotProduct)]
    public void Search_FewerItemsThanEf_MatchesFlatIndexExactly(DistanceMetric metric)
    {
        const int Dimension = 12;
        float[] data = Clustered(40, Dimension, 4, seed: 3);
        using HnswIndex index = Build(data, Dimension, metric, m: 8);
        FlatIndex exact = Exact(Rows(data, Dimension), Dimension, metric);
        float[] queries = Clustered(10, Dimension, 4, seed: 4);
        var expected = new Neighbor[40];
        var actual = new Neighbor[40];
        for (int q = 0; q < 10; q++)
        {
            ReadOnlySpan<float> query = queries.AsSpan(q * Dimension, Dimension);
            int n = exact.Search(query, 40, expected);
            Assert.That(index.Search(query, 40, actual, efSearch: 64), Is.EqualTo(n));
            Assert.That(actual.Select(r => r.Id), Is.EqualTo(expected.Select(r => r.Id)));
            for (int i = 0; i < n; i++)
            {
                Assert.That(actual[i].Distance, Is.EqualTo(expected[i].Distance).Within(1e-4));
            }
        }
    }

    [Test]
    public void Search_OwnVector_ComesFirstAtDistanceZero()
    {
        const int Dimension = 16;
        float[] data = Clustered(800, Dimension, 10, seed: 5);
        using HnswIndex index = Build(data, Dimension, DistanceMetric.L2);
        var results = new Neighbor[1];
        for (int i = 0; i < 800; i += 7)
        {
            Assert.That(index.Search(data.AsSpan(i * Dimension, Dimension), 1, results), Is.EqualTo(1));
            Assert.That(results[0], Is.EqualTo(new Neighbor(i, 0f)));
        }
    }

    [Test]
    public void Build_SameSeedSingleThreaded_IsIdenticalBitForBit()
    {
        const int Dimension = 24;
        float[] data = Clustered(1500, Dimension, 12, seed: 6);
        using HnswIndex first = Build(data, Dimension, DistanceMetric.Cosine, seed: 99);
        using HnswIndex second = Build(data, Dimension, DistanceMetric.Cosine, seed: 99);
        first.Remove(17);
        second.Remove(17);

        Assert.That(second.CaptureHeader(), Is.EqualTo(first.CaptureHeader()));
        HnswGraphHeader header = first.CaptureHeader();
        var level0First = new ReadOnlySpan<byte>(first.GraphMemory.Level0, header.SlotCount * header.Stride);
        var level0Second = new ReadOnlySpan<byte>(second.GraphMemory.Level0, header.SlotCount * header.Stride);
        Assert.That(level0First.SequenceEqual(level0Second), Is.True, "level-0 records differ");
        var upperFirst = new ReadOnlySpan<int>(first.GraphMemory.Upper, (int)header.UpperUsed);
        var upperSecond = new ReadOnlySpan<int>(second.GraphMemory.Upper, (int)header.UpperUsed);
        Assert.That(upperFirst.SequenceEqual(upperSecond), Is.True, "upper lists differ");
    }

    [Test]
    public void Build_DifferentSeeds_DrawDifferentLevels()
    {
        const int Dimension = 8;
        float[] data = Clustered(600, Dimension, 4, seed: 7);
        using HnswIndex first = Build(data, Dimension, DistanceMetric.L2, seed: 1);
        using HnswIndex second = Build(data, Dimension, DistanceMetric.L2, seed: 2);
        int[] Levels(HnswIndex index) => Enumerable.Range(0, 600).Select(s => HnswIndex.LevelOf(index.Record(s))).ToArray();
        Assert.That(Levels(first), Is.Not.EqualTo(Levels(second)));
    }

    [Test]
    public void Levels_FollowGeometricDistributionWithMultiplierOneOverLnM()
    {
        const int Dimension = 2;
        using HnswIndex index = Build(Clustered(4000, Dimension, 3, seed: 8), Dimension, DistanceMetric.L2, m: 4, efConstruction: 16);
        int aboveZero = Enumerable.Range(0, 4000).Count(s => HnswIndex.LevelOf(index.Record(s)) > 0);

        // P(level ≥ 1) = exp(−1/mL) = 1/M = 0.25 → 1000 ± 3σ (σ ≈ 27).
        Assert.That(aboveZero, Is.InRange(920, 1080));
    }

    [Test]
    public void AddRemoveContains_TrackLiveItems()
    {
        using var index = new HnswIndex(new HnswOptions { Dimension = 3, Metric = DistanceMetric.Cosine, InitialCapacity = 1 });
        for (int i = 0; i < 300; i++)
        {
            index.Add(i * 2, [i + 1f, 1f, -i]);
        }

        index.Remove(10);
        Assert.Multiple(() =>
        {
            Assert.That(index.Count, Is.EqualTo(299));
            Assert.That(index.Contains(10), Is.False);
            Assert.That(index.Contains(12), Is.True);
            Assert.That(index.Contains(11), Is.False);
        });
        var vector = new float[3];
        Assert.That(index.TryGetVector(4, vector), Is.True);
        float norm = MathF.Sqrt(9 + 1 + 4);
        Assert.That(vector, Is.EqualTo(new[] { 3 / norm, 1 / norm, -2 / norm }).Within(1e-6));
        Assert.That(index.TryGetVector(10, vector), Is.False);
        AssertValid(index);
    }

    [Test]
    public void Remove_ThenSearch_NeverReturnsRemovedItems()
    {
        const int Dimension = 16;
        float[] data = Clustered(2000, Dimension, 20, seed: 9);
        using HnswIndex index = Build(data, Dimension, DistanceMetric.L2);
        var removed = new HashSet<int>();
        for (int i = 0; i < 2000; i += 5)
        {
            index.Remove(i);
            removed.Add(i);
        }

        var results = new Neighbor[10];
        for (int i = 0; i < 2000; i += 3)
        {
            int n = index.Search(data.AsSpan(i * Dimension, Dimension), 10, results);
            Assert.That(n, Is.EqualTo(10));
            Assert.That(results.Select(r => r.Id).Where(removed.Contains), Is.Empty);
        }

        AssertValid(index);
    }

    [Test]
    public void Compact_FreesTombstonesAndReusesTheirSlots()
    {
        const int Dimension = 8;
        float[] data = Clustered(500, Dimension, 5, seed: 10);
        using var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = DistanceMetric.L2, CompactionThreshold = 1, EfConstruction = 64 });
        index.AddRange(Enumerable.Range(0, 500).ToArray(), data);
        for (int i = 0; i < 200; i++)
        {
            index.Remove(i);
        }

        Assert.That(index.TombstoneCount, Is.EqualTo(200));
        index.Compact();
        Assert.That(index.TombstoneCount, Is.Zero);
        AssertValid(index);
        int slotsBefore = index.SlotCount;
        index.AddRange(Enumerable.Range(1000, 200).ToArray(), data.AsMemory(0, 200 * Dimension));
        Assert.That(index.SlotCount, Is.EqualTo(slotsBefore), "freed slots are reused");
        Assert.That(index.Count, Is.EqualTo(500));
        AssertValid(index);
    }

    [Test]
    public void RemoveAll_ThenAdd_Works()
    {
        using var index = new HnswIndex(new HnswOptions { Dimension = 2, Metric = DistanceMetric.L2 });
        for (int i = 0; i < 50; i++)
        {
            index.Add(i, [i, -i]);
        }

        for (int i = 0; i < 50; i++)
        {
            index.Remove(i);
        }

        Assert.That(index.Search([0f, 0f], 3, new Neighbor[3]), Is.Zero);
        index.Add(7, [1f, 1f]);
        var results = new Neighbor[3];
        Assert.That(index.Search([0f, 0f], 3, results), Is.EqualTo(1));
        Assert.That(results[0].Id, Is.EqualTo(7));
        AssertValid(index);
    }

    [Test]
    public void AddRange_TwoThreads_KeepsGraphValidAndRecall()
    {
        const int Dimension = 32;
        float[] data = Clustered(4000, Dimension, 40, seed: 11);
        using HnswIndex index = Build(data, Dimension, DistanceMetric.L2, threads: 2);
        AssertValid(index);
        FlatIndex exact = Exact(Rows(data, Dimension), Dimension, DistanceMetric.L2);
        Assert.That(Recall(index, exact, Clustered(100, Dimension, 40, seed: 11, pointSeed: 12), 10, ef: 64), Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var index = new HnswIndex(new HnswOptions { Dimension = 2 });
        index.Add(1, [1f, 2f]);
        index.Dispose();
        Assert.Throws<ObjectDisposedException>(() => index.Search([1f, 2f], 1, new Neighbor[1]));
        Assert.Throws<ObjectDisposedException>(() => index.Add(2, [1f, 2f]));
        index.Dispose();
    }
}
