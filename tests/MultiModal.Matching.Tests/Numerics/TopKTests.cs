using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

public sealed class TopKTests
{
    [TestCase(1, 0)]
    [TestCase(1, 50)]
    [TestCase(5, 3)]
    [TestCase(10, 1000)]
    [TestCase(64, 64)]
    [TestCase(100, 5000)]
    public void Push_RandomPairs_KeepsTheKSmallestSorted(int k, int n)
    {
        var rng = new Random(1234 + k + n);
        // Few distinct distances, so ties are common and must be broken by id.
        var pairs = Enumerable.Range(0, n).Select(i => new Neighbor(rng.Next(1_000_000), rng.Next(20) / 4f)).ToArray();
        var storage = new Neighbor[k];
        var top = new TopK(storage);
        foreach (Neighbor p in pairs)
        {
            top.Push(p.Id, p.Distance);
        }

        int count = top.SortInPlace();

        Neighbor[] expected = pairs.OrderBy(p => p.Distance).ThenBy(p => p.Id).Take(k).ToArray();
        Assert.That(storage.AsSpan(0, count).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Push_WhenFull_RejectsWorseAndReportsIt()
    {
        var storage = new Neighbor[2];
        var top = new TopK(storage);
        Assert.That(top.Push(7, 1f), Is.True);
        Assert.That(top.WorstDistance, Is.EqualTo(float.PositiveInfinity));
        Assert.That(top.Push(3, 2f), Is.True);
        Assert.That(top.IsFull, Is.True);
        Assert.That(top.WorstDistance, Is.EqualTo(2f));
        Assert.That(top.Push(9, 2f), Is.False, "equal distance, larger id: worse");
        Assert.That(top.Push(1, 2f), Is.True, "equal distance, smaller id: better");
        Assert.That(top.Push(5, 3f), Is.False);
        Assert.That(top.SortInPlace(), Is.EqualTo(2));
        Assert.That(storage, Is.EqualTo(new[] { new Neighbor(7, 1f), new Neighbor(1, 2f) }));
    }
}
