using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Indexing;

public sealed partial class FlatIndexTests
{
    private static FlatIndex IndexWithTwoItems()
    {
        var index = new FlatIndex(3, DistanceMetric.L2);
        index.Add(1, [1, 2, 3]);
        index.Add(2, [4, 5, 6]);
        return index;
    }

    private static void AssertUnchanged(FlatIndex index)
    {
        Assert.That(index.Count, Is.EqualTo(2));
        var results = new Neighbor[5];
        int n = index.Search([0, 0, 0], 5, results);
        Assert.That(results.Take(n).Select(r => r.Id), Is.EqualTo(new[] { 1, 2 }));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Constructor_NonPositiveDimension_Throws(int dimension) =>
        Assert.That(() => new FlatIndex(dimension, DistanceMetric.L2), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Constructor_UnknownMetric_Throws() =>
        Assert.That(() => new FlatIndex(4, (DistanceMetric)42), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Options_InvalidValues_Throw()
    {
        Assert.That(() => new FlatIndexOptions { MaxDegreeOfParallelism = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new FlatIndexOptions { MinRowsPerTask = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new FlatIndexOptions { InitialCapacity = -1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new FlatIndex(3, DistanceMetric.L2, null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Add_WrongDimension_ThrowsAndLeavesIndexUnchanged()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Add(3, [1, 2]), Throws.ArgumentException.With.Message.Contains("dimension 3"));
        Assert.That(() => index.Add(3, [1, 2, 3, 4]), Throws.ArgumentException);
        Assert.That(index.Contains(3), Is.False);
        AssertUnchanged(index);
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity)]
    public void Add_NonFiniteComponent_ThrowsAndLeavesIndexUnchanged(float bad)
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Add(3, [1, bad, 3]), Throws.ArgumentException.With.Message.Contains("Component 1"));
        AssertUnchanged(index);
    }

    [Test]
    public void Add_DuplicateId_ThrowsAndKeepsTheFirstVector()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Add(1, [9, 9, 9]), Throws.ArgumentException.With.Message.Contains("already"));
        var stored = new float[3];
        index.TryGetVector(1, stored);
        Assert.That(stored, Is.EqualTo(new[] { 1f, 2f, 3f }));
        AssertUnchanged(index);
    }

    [Test]
    public void Add_NegativeId_Throws()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Add(-1, [1, 2, 3]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        AssertUnchanged(index);
    }

    [Test]
    public void Remove_UnknownId_ThrowsKeyNotFound()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Remove(7), Throws.InstanceOf<KeyNotFoundException>());
        index.Remove(1);
        Assert.That(() => index.Remove(1), Throws.InstanceOf<KeyNotFoundException>());
        Assert.That(index.Contains(1), Is.False);
        Assert.That(index.Count, Is.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Search_NonPositiveK_Throws(int k)
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Search([0, 0, 0], k, new Neighbor[4]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Search_DestinationShorterThanK_Throws()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Search([0, 0, 0], 5, new Neighbor[4]), Throws.ArgumentException);
    }

    [Test]
    public void Search_BadQuery_Throws()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(() => index.Search([0, 0], 1, new Neighbor[1]), Throws.ArgumentException);
        Assert.That(() => index.Search([0, float.NaN, 0], 1, new Neighbor[1]), Throws.ArgumentException);
    }

    [Test]
    public void Search_EmptyIndex_ReturnsZero()
    {
        var index = new FlatIndex(3, DistanceMetric.Cosine);
        Assert.That(index.Search([1, 0, 0], 3, new Neighbor[3]), Is.EqualTo(0));
    }

    [Test]
    public void TryGetVector_UnknownIdOrWrongLength_ReturnsFalseOrThrows()
    {
        FlatIndex index = IndexWithTwoItems();
        Assert.That(index.TryGetVector(9, new float[3]), Is.False);
        Assert.That(() => index.TryGetVector(1, new float[2]), Throws.ArgumentException);
    }

    [Test]
    public void Search_ConcurrentWithWriter_SeesConsistentSnapshots()
    {
        const int Dimension = 8;
        var index = new FlatIndex(Dimension, DistanceMetric.L2);
        float[][] vectors = RandomVectors(2000, Dimension, seed: 51);
        for (int i = 0; i < 200; i++)
        {
            index.Add(i, vectors[i]);
        }

        using var done = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 200; i < vectors.Length; i++)
            {
                index.Add(i, vectors[i]);
                if (i % 3 == 0)
                {
                    index.Remove(i - 100);
                }
            }

            done.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var results = new Neighbor[10];
            var rng = new Random(60 + r);
            int searches = 0;
            while (!done.IsCancellationRequested || searches == 0)
            {
                float[] query = vectors[rng.Next(vectors.Length)];
                int n = index.Search(query, 10, results);
                Assert.That(n, Is.EqualTo(10));
                for (int i = 1; i < n; i++)
                {
                    Assert.That(results[i - 1].CompareTo(results[i]), Is.LessThan(0));
                }

                searches++;
            }
        })).ToArray();

        Assert.That(() => Task.WaitAll([writer, .. readers], TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(index.Count, Is.EqualTo(2000 - 600));
    }
}
