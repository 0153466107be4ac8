using System.Collections.Concurrent;
using System.Diagnostics;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [Test]
    public void Concurrency_TwoWritersTwoSearchers_NoErrorsValidGraphEveryAcknowledgedIdFindable()
    {
        const int Dimension = 16;
        const int PerWriter = 40_000;
        float[] data = Clustered(2 * PerWriter, Dimension, 50, seed: 61);
        using var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = DistanceMetric.L2, EfConstruction = 64, InitialCapacity = 64 });
        var acknowledged = new ConcurrentBag<int>();
        var removedIds = new ConcurrentBag<int>();
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        long searches = 0;

        void Writer(int writer)
        {
            try
            {
                for (int i = 0; i < PerWriter && !stop.IsCancellationRequested; i++)
                {
                    int id = (writer * PerWriter) + i;
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
        }

        void Searcher(int seed)
        {
            var random = new Random(seed);
            var results = new Neighbor[10];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    int q = random.Next(2 * PerWriter);
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
        Assert.That(acknowledged, Is.Not.Empty);
        Assert.That(searches, Is.GreaterThan(0));
        AssertValid(index);

        var removed = removedIds.ToHashSet();
        var results = new Neighbor[10];
        int missing = 0;
        foreach (int id in acknowledged.Where(id => !removed.Contains(id)))
        {
            Assert.That(index.Contains(id), Is.True);
            int n = index.Search(data.AsSpan(id * Dimension, Dimension), 10, results, efSearch: 256);
            if (!results.Take(n).Any(r => r.Id == id))
            {
                missing++;
            }
        }

        // Known defect (issue #3 stays open on it): after concurrent adds interleaved with removes, a few
        // connected nodes (the validator above passes) are not reached by a search for their own vector even at
        // ef = 256: 2 of ~10,750 in one CI run, 0 in others. The goal is zero; this bound keeps the rate visible
        // and fails if it grows, without making CI depend on thread scheduling.
        int live = acknowledged.Count - removed.Count;
        TestContext.Out.WriteLine($"{missing} of {live} acknowledged live ids not found by their own vector at ef=256");
        Assert.That(missing, Is.LessThanOrEqualTo(live / 1000), "acknowledged ids not found by their own vector");
        Assert.That(index.Count, Is.EqualTo(acknowledged.Count - removed.Count));
    }
}
