using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    private const int BadDimension = 6;

    private static HnswIndex SmallIndex() => Build(Clustered(200, BadDimension, 4, seed: 21), BadDimension, DistanceMetric.L2);

    private static (int Count, int[] Ids) Snapshot(HnswIndex index)
    {
        var results = new Neighbor[20];
        int n = index.Search(new float[BadDimension], 20, results);
        return (index.Count, results.Take(n).Select(r => r.Id).ToArray());
    }

    [Test]
    public void Add_WrongDimension_ThrowsArgumentAndChangesNothing()
    {
        using HnswIndex index = SmallIndex();
        var before = Snapshot(index);
        Assert.Throws<ArgumentException>(() => index.Add(500, new float[BadDimension + 1]));
        Assert.That(Snapshot(index), Is.EqualTo(before).Using<(int, int[])>((a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2)));
        Assert.That(index.Contains(500), Is.False);
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity)]
    public void Add_NonFiniteComponent_ThrowsArgumentAndChangesNothing(float bad)
    {
        using HnswIndex index = SmallIndex();
        var vector = new float[BadDimension];
        vector[3] = bad;
        int slots = index.SlotCount;
        Assert.Throws<ArgumentException>(() => index.Add(500, vector));
        Assert.That(index.Count, Is.EqualTo(200));
        Assert.That(index.SlotCount, Is.EqualTo(slots));
        Assert.That(index.Contains(500), Is.False);
    }

    [Test]
    public void Add_DuplicateId_ThrowsArgumentAndKeepsTheOriginalVector()
    {
        using HnswIndex index = SmallIndex();
        var original = new float[BadDimension];
        index.TryGetVector(5, original);
        Assert.Throws<ArgumentException>(() => index.Add(5, Enumerable.Repeat(9f, BadDimension).ToArray()));
        var after = new float[BadDimension];
        index.TryGetVector(5, after);
        Assert.That(after, Is.EqualTo(original));
        Assert.That(index.Count, Is.EqualTo(200));
        AssertValid(index);
    }

    [Test]
    public void Add_NegativeId_ThrowsArgumentOutOfRange()
    {
        using HnswIndex index = SmallIndex();
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Add(-1, new float[BadDimension]));
        Assert.That(index.Count, Is.EqualTo(200));
    }

    [Test]
    public void AddRange_OneBadRow_AddsNothing()
    {
        using HnswIndex index = SmallIndex();
        float[] rows = Clustered(3, BadDimension, 1, seed: 22);
        rows[(2 * BadDimension) + 1] = float.NaN;
        Assert.Throws<ArgumentException>(() => index.AddRange([300, 301, 302], rows));
        Assert.Throws<ArgumentException>(() => index.AddRange([300, 300], rows.AsMemory(0, 2 * BadDimension)));
        Assert.Throws<ArgumentException>(() => index.AddRange([300, 7], rows.AsMemory(0, 2 * BadDimension)));
        Assert.Throws<ArgumentException>(() => index.AddRange([300], rows));
        Assert.That(index.Count, Is.EqualTo(200));
        Assert.That(index.Contains(300), Is.False);
    }

    [Test]
    public void Remove_UnknownId_ThrowsKeyNotFoundAndChangesNothing()
    {
        using HnswIndex index = SmallIndex();
        var before = Snapshot(index);
        Assert.Throws<KeyNotFoundException>(() => index.Remove(12345));
        index.Remove(3);
        Assert.Throws<KeyNotFoundException>(() => index.Remove(3));
        Assert.That(index.Count, Is.EqualTo(before.Count - 1));
        AssertValid(index);
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Search_KNotPositive_ThrowsArgumentOutOfRange(int k)
    {
        using HnswIndex index = SmallIndex();
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[BadDimension], k, new Neighbor[4]));
    }

    [Test]
    public void Search_BadArguments_ThrowSpecificExceptions()
    {
        using HnswIndex index = SmallIndex();
        var query = new float[BadDimension];
        Assert.Throws<ArgumentException>(() => index.Search(new float[BadDimension - 1], 1, new Neighbor[1]));
        Assert.Throws<ArgumentException>(() => index.Search(query, 5, new Neighbor[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(query, 1, new Neighbor[1], efSearch: 0));
        query[0] = float.NaN;
        Assert.Throws<ArgumentException>(() => index.Search(query, 1, new Neighbor[1]));
    }

    [Test]
    public void TryGetVector_ShortDestination_ThrowsArgument()
    {
        using HnswIndex index = SmallIndex();
        Assert.Throws<ArgumentException>(() => index.TryGetVector(1, new float[BadDimension - 1]));
    }
}
