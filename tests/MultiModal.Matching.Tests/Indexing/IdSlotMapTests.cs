using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Indexing;

/// <summary>The id → slot map against a dictionary, over dense, sparse, negative and mixed ids with removals.</summary>
public sealed class IdSlotMapTests
{
    [TestCase(0, 5_000, 1)]
    [TestCase(100, 5_000, 1)]
    [TestCase(0, 3_000, 1_000_003)]
    [TestCase(16, 4_000, 7)]
    public void Operations_MatchADictionary(int capacity, int operations, int idSpread)
    {
        var random = new Random(capacity + operations + idSpread);
        var map = new IdSlotMap(capacity);
        var expected = new Dictionary<int, int>();
        for (int i = 0; i < operations; i++)
        {
            // Mostly dense ids, some far away and some negative, so both parts and the migration between them are used.
            int id = random.Next(10) switch
            {
                0 => random.Next(int.MinValue, 0),
                1 => random.Next(int.MaxValue),
                _ => random.Next(expected.Count + 10) * idSpread,
            };
            if (random.Next(4) == 0 && expected.Count > 0)
            {
                id = expected.Keys.ElementAt(random.Next(expected.Count));
                Assert.That(map.Remove(id, out int removed), Is.True);
                Assert.That(removed, Is.EqualTo(expected[id]));
                expected.Remove(id);
                Assert.That(map.Remove(id, out _), Is.False, "removed twice");
            }
            else
            {
                int slot = random.Next(1_000_000);
                map.Set(id, slot);
                expected[id] = slot;
            }

            Assert.That(map.Count, Is.EqualTo(expected.Count));
        }

        foreach (var (id, slot) in expected)
        {
            Assert.That(map.TryGetValue(id, out int got), Is.True, $"id {id}");
            Assert.That(got, Is.EqualTo(slot));
        }

        for (int i = 0; i < 2_000; i++)
        {
            int id = random.Next(int.MinValue, int.MaxValue);
            Assert.That(map.ContainsKey(id), Is.EqualTo(expected.ContainsKey(id)), $"id {id}");
        }
    }

    [Test]
    public void Set_AFarIdThenTheIdsBeforeIt_MovesItIntoTheArrayWithoutLosingIt()
    {
        var map = new IdSlotMap();
        map.Set(5_000, 1);
        for (int id = 0; id < 2_000; id++)
        {
            map.Set(id, id + 10);
        }

        Assert.That(map.TryGetValue(5_000, out int slot), Is.True);
        Assert.That(slot, Is.EqualTo(1));
        Assert.That(map.Count, Is.EqualTo(2_001));
        Assert.That(() => map.Set(3, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
