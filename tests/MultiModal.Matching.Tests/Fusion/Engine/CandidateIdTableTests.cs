using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion.Engine;

public sealed class CandidateIdTableTests
{
    [Test]
    public void FindOrAdd_ManyIds_ReturnsFirstPositionForRepeatsAndNextForNewIds()
    {
        var table = new CandidateIdTable();
        var random = new Random(3);
        var ids = Enumerable.Range(0, 300).Select(_ => random.Next(500)).ToArray();
        table.Reset(ids.Length);
        var expected = new Dictionary<int, int>();
        int next = 0;
        foreach (int id in ids)
        {
            int got = table.FindOrAdd(id, next);
            if (expected.TryGetValue(id, out int position))
            {
                Assert.That(got, Is.EqualTo(position), $"id {id} seen before");
            }
            else
            {
                Assert.That(got, Is.EqualTo(next), $"new id {id}");
                expected[id] = next++;
            }
        }

        Assert.That(expected.Keys.All(id => table.Find(id) == expected[id]), Is.True);
        Assert.That(table.Find(-1), Is.EqualTo(-1));
    }

    [Test]
    public void FindOrAdd_IdsThatCollide_ProbesPastEachOther()
    {
        // With 32 slots the slot is the top 5 bits of id × 2654435769; search ids until 10 share slot 0's bucket.
        var table = new CandidateIdTable();
        table.Reset(16);
        Assert.That(table.Capacity, Is.EqualTo(32));
        var colliding = Enumerable.Range(0, 1_000_000).Where(id => ((uint)id * 2654435769u) >> 27 == 7).Take(10).ToArray();
        Assert.That(colliding, Has.Length.EqualTo(10));
        for (int i = 0; i < colliding.Length; i++)
        {
            Assert.That(table.FindOrAdd(colliding[i], i), Is.EqualTo(i));
        }

        for (int i = 0; i < colliding.Length; i++)
        {
            Assert.That(table.FindOrAdd(colliding[i], 99), Is.EqualTo(i), "found again after probing");
            Assert.That(table.Find(colliding[i]), Is.EqualTo(i));
        }
    }

    [Test]
    public void Reset_EmptiesTheTableWithoutClearing_AndGrowsOnDemand()
    {
        var table = new CandidateIdTable();
        table.Reset(10);
        table.FindOrAdd(5, 0);
        table.FindOrAdd(6, 1);
        int generation = table.Generation;
        table.Reset(10);
        Assert.Multiple(() =>
        {
            Assert.That(table.Generation, Is.EqualTo(generation + 1));
            Assert.That(table.Find(5), Is.EqualTo(-1), "an entry of the previous search is empty");
            Assert.That(table.FindOrAdd(6, 0), Is.EqualTo(0), "a stale entry is overwritten as new");
        });

        table.Reset(1000);
        Assert.That(table.Capacity, Is.EqualTo(2048));
        for (int id = 0; id < 1000; id++)
        {
            Assert.That(table.FindOrAdd(id * 7, id), Is.EqualTo(id));
        }

        // A small search after a large one probes only the front of the table and still sees none of the old ids.
        table.Reset(4);
        Assert.That(table.Capacity, Is.EqualTo(2048));
        Assert.That(Enumerable.Range(0, 1000).All(id => table.Find(id * 7) == -1), Is.True);
        Assert.That(table.FindOrAdd(7, 0), Is.EqualTo(0));
        Assert.That(table.FindOrAdd(14, 1), Is.EqualTo(1));
        Assert.That(table.FindOrAdd(7, 2), Is.EqualTo(0));
    }

    [Test]
    public void Reset_AtTheLastGeneration_ClearsAndStartsOver()
    {
        var table = new CandidateIdTable();
        table.Reset(8);
        table.SetGenerationForTest(int.MaxValue);
        table.FindOrAdd(42, 0);
        Assert.That(table.Find(42), Is.EqualTo(0));
        table.Reset(8);
        Assert.Multiple(() =>
        {
            Assert.That(table.Generation, Is.EqualTo(1));
            Assert.That(table.Find(42), Is.EqualTo(-1));
        });
    }
}
