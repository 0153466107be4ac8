using System.Collections.Concurrent;
using System.Diagnostics;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    /// <summary>
    /// Two writers (adds, and every tenth add a remove of one of their own earlier items; a low
    /// compaction threshold makes compactions run in between) and two searchers. The workload is a fixed
    /// number of operations, not a time slice, so every run does the same work whatever the machine's
    /// load; only the interleaving varies. The oracle is strict: every acknowledged live id is returned
    /// in the top 10 by a search for its own vector at ef = 256 (k = 10 rather than 1: the question is
    /// whether the search reaches the node, not how ties between equal vectors are ranked).
    /// </summary>
    [Test]
    public void Concurrency_TwoWritersTwoSearchers_NoErrorsValidGraphEveryAcknowledgedIdFindable()
    {
        const int Dimension = 16;
        int perWriter = LongTests ? 40_000 : 10_000;
        float[] data = Clustered(2 * perWriter, Dimension, 50, seed: 61);
        using var index = new HnswIndex(new HnswOptions
        {
            Dimension = Dimension, Metric = DistanceMetric.L2, EfConstruction = 64, InitialCapacity = 64, CompactionThreshold = 0.05,
        });
        var acknowledged = new ConcurrentBag<int>();
        var removedIds = new ConcurrentBag<int>();
        var errors = new ConcurrentQueue<Exception>();
        int writersLeft = 2;
        long searches = 0;

        void Writer(int writer)
        {
            try
            {
                for (int i = 0; i < perWriter; i++)
                {
                    int id = (writer * perWriter) + i;
                    index.Add(id, data.AsSpan(id * Dimension, Dimension));
                    acknowledged.Add(id);
                    if (i % 10 == 9)
                    {
                        // Remove one of this writer's own earlier items.
                        int victim = id - 5;
                        index.Remove(victim);
                        removedIds.Add(victim);
                    }
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
            finally
            {
                Interlocked.Decrement(ref writersLeft);
            }
        }

        void Searcher(int seed)
        {
            var random = new Random(seed);
            var results = new Neighbor[10];
            try
            {
                while (Volatile.Read(ref writersLeft) > 0)
                {
                    int q = random.Next(2 * perWriter);
                    int n = index.Search(data.AsSpan(q * Dimension, Dimension), 10, results, efSearch: 32);
                    if (n > 10 || results.Take(n).Select(r => r.Id).Distinct().Count() != n)
                    {
                        throw new InvalidOperationException("A search returned a malformed result.");
                    }

                    Interlocked.Increment(ref searches);
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        }

        var clock = Stopwatch.StartNew();
        Thread[] threads =
        [
            new(() => Writer(0)), new(() => Writer(1)), new(() => Searcher(1)), new(() => Searcher(2)),
        ];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        TestContext.Out.WriteLine($"{acknowledged.Count} adds, {removedIds.Count} removes, {searches} searches in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        Assert.That(acknowledged, Has.Count.EqualTo(2 * perWriter));
        AssertValid(index);

        var removed = removedIds.ToHashSet();
        var missing = new List<int>();
        foreach (int id in acknowledged.Where(id => !removed.Contains(id)).Order())
        {
            Assert.That(index.Contains(id), Is.True);
            if (!FoundByOwnVector(index, id, data.AsSpan(id * Dimension, Dimension)))
            {
                missing.Add(id);
            }
        }

        Assert.That(missing, Is.Empty, "acknowledged live ids not found by their own vector at ef = 256");
        Assert.That(index.Count, Is.EqualTo(acknowledged.Count - removed.Count));
    }
}
