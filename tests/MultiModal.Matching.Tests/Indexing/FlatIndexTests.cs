using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Indexing;

public sealed partial class FlatIndexTests
{
    private static float[][] RandomVectors(int count, int dimension, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray())
            .ToArray();
    }

    /// <summary>The brute-force oracle: every distance in double precision, ordered by distance then id.</summary>
    private static (int Id, double Distance)[] Oracle(
        IEnumerable<(int Id, float[] Vector)> items, float[] query, DistanceMetric metric, int k, Func<int, bool>? filter = null)
    {
        static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
        static double Norm(float[] a) => Math.Sqrt(Dot(a, a));
        double Distance(float[] v) => metric switch
        {
            DistanceMetric.L2 => v.Zip(query, (x, y) => ((double)x - y) * ((double)x - y)).Sum(),
            DistanceMetric.DotProduct => -Dot(v, query),
            _ => 1 - (Dot(v, query) / (Norm(v) * Norm(query))),
        };
        return items.Where(item => filter is null || filter(item.Id))
            .Select(item => (item.Id, Distance: Distance(item.Vector)))
            .OrderBy(r => r.Distance).ThenBy(r => r.Id)
            .Take(k)
            .ToArray();
    }

    private static void AssertMatchesOracle(ReadOnlySpan<Neighbor> actual, (int Id, double Distance)[] expected)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i].Id, Is.EqualTo(expected[i].Id), $"rank {i}");
            Assert.That(actual[i].Distance, Is.EqualTo(expected[i].Distance).Within(1e-4 * Math.Max(1, Math.Abs(expected[i].Distance))), $"rank {i}");
        }
    }

    [TestCase(DistanceMetric.L2, 1)]
    [TestCase(DistanceMetric.L2, 10)]
    [TestCase(DistanceMetric.DotProduct, 10)]
    [TestCase(DistanceMetric.Cosine, 10)]
    [TestCase(DistanceMetric.Cosine, 700)]
    public void Search_RandomData_MatchesLinqOracle(DistanceMetric metric, int k)
    {
        const int Dimension = 37;
        float[][] vectors = RandomVectors(600, Dimension, seed: 11);
        var index = new FlatIndex(Dimension, metric);
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i * 3, vectors[i]);
        }

        var items = vectors.Select((v, i) => (Id: i * 3, Vector: v)).ToArray();
        var results = new Neighbor[k];
        foreach (float[] query in RandomVectors(20, Dimension, seed: 12))
        {
            int n = index.Search(query, k, results);
            AssertMatchesOracle(results.AsSpan(0, n), Oracle(items, query, metric, k));
        }
    }

    [TestCase(DistanceMetric.L2)]
    [TestCase(DistanceMetric.DotProduct)]
    [TestCase(DistanceMetric.Cosine)]
    public void Search_WithFilter_MatchesFilteredOracle(DistanceMetric metric)
    {
        const int Dimension = 24;
        float[][] vectors = RandomVectors(400, Dimension, seed: 21);
        var index = new FlatIndex(Dimension, metric);
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
        }

        var filter = new PredicateFilter(id => id % 7 == 2);
        var results = new Neighbor[15];
        foreach (float[] query in RandomVectors(10, Dimension, seed: 22))
        {
            int n = index.Search(query, 15, results, filter);
            AssertMatchesOracle(results.AsSpan(0, n), Oracle(vectors.Select((v, i) => (i, v)), query, metric, 15, filter.Matches));
        }
    }

    [Test]
    public void Search_FilterMatchingFewerThanK_ReturnsEveryMatch()
    {
        var index = new FlatIndex(4, DistanceMetric.L2);
        for (int i = 0; i < 50; i++)
        {
            index.Add(i, [i, 0, 0, 0]);
        }

        var results = new Neighbor[10];
        int n = index.Search([0, 0, 0, 0], 10, results, new PredicateFilter(id => id is 40 or 3 or 17));

        Assert.That(results.Take(n).Select(r => r.Id), Is.EqualTo(new[] { 3, 17, 40 }));
    }

    [Test]
    public void Search_AfterRemovals_MatchesOracleOverLiveItems()
    {
        const int Dimension = 16;
        float[][] vectors = RandomVectors(300, Dimension, seed: 31);
        var index = new FlatIndex(Dimension, DistanceMetric.L2);
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
        }

        var live = new HashSet<int>(Enumerable.Range(0, vectors.Length));
        var rng = new Random(32);
        for (int r = 0; r < 150; r++)
        {
            int id = live.ElementAt(rng.Next(live.Count));
            index.Remove(id);
            live.Remove(id);
        }

        Assert.That(index.Count, Is.EqualTo(live.Count));
        var buffer = new float[Dimension];
        foreach (int id in live)
        {
            Assert.That(index.TryGetVector(id, buffer), Is.True);
            Assert.That(buffer, Is.EqualTo(vectors[id]), "a moved row keeps its vector");
        }

        var results = new Neighbor[25];
        foreach (float[] query in RandomVectors(10, Dimension, seed: 33))
        {
            int n = index.Search(query, 25, results);
            AssertMatchesOracle(results.AsSpan(0, n), Oracle(live.Select(i => (i, vectors[i])), query, DistanceMetric.L2, 25));
        }
    }

    [Test]
    public void Search_EqualDistances_BreaksTiesByAscendingId()
    {
        var index = new FlatIndex(2, DistanceMetric.L2);
        // Ten identical vectors added in descending id order, plus a farther one.
        for (int id = 90; id >= 0; id -= 10)
        {
            index.Add(id, [1, 1]);
        }

        index.Add(5, [3, 3]);
        var results = new Neighbor[4];
        int n = index.Search([1, 1], 4, results);

        Assert.That(results.Take(n).Select(r => r.Id), Is.EqualTo(new[] { 0, 10, 20, 30 }));
        Assert.That(results.Take(n).Select(r => r.Distance), Is.All.EqualTo(0f));
    }

    [TestCase(DistanceMetric.L2)]
    [TestCase(DistanceMetric.DotProduct)]
    [TestCase(DistanceMetric.Cosine)]
    public void Search_ParallelScan_EqualsSingleThreadedScan(DistanceMetric metric)
    {
        const int Dimension = 20;
        float[][] vectors = RandomVectors(3000, Dimension, seed: 41);
        var serial = new FlatIndex(Dimension, metric);
        var parallel = new FlatIndex(Dimension, metric, new FlatIndexOptions { MaxDegreeOfParallelism = 4, MinRowsPerTask = 500 });
        for (int i = 0; i < vectors.Length; i++)
        {
            serial.Add(i, vectors[i]);
            parallel.Add(i, vectors[i]);
        }

        var expected = new Neighbor[30];
        var actual = new Neighbor[30];
        var filter = new PredicateFilter(id => id % 3 != 0);
        foreach (float[] query in RandomVectors(8, Dimension, seed: 42))
        {
            Assert.That(parallel.Search(query, 30, actual), Is.EqualTo(serial.Search(query, 30, expected)));
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(parallel.Search(query, 30, actual, filter), Is.EqualTo(serial.Search(query, 30, expected, filter)));
            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [Test]
    public void Add_Cosine_StoresUnitVector()
    {
        var index = new FlatIndex(3, DistanceMetric.Cosine);
        index.Add(1, [3, 0, 4]);
        var stored = new float[3];

        Assert.That(index.TryGetVector(1, stored), Is.True);
        Assert.That(stored, Is.EqualTo(new[] { 0.6f, 0f, 0.8f }).Within(1e-6f));
    }

    [Test]
    public void Search_Cosine_ReportsOneMinusCosine()
    {
        var index = new FlatIndex(2, DistanceMetric.Cosine);
        index.Add(1, [2, 0]);
        index.Add(2, [0, 5]);
        index.Add(3, [-1, 0]);
        var results = new Neighbor[3];

        Assert.That(index.Search([10, 0], 3, results), Is.EqualTo(3));
        Assert.That(results.Select(r => r.Id), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(results.Select(r => r.Distance), Is.EqualTo(new[] { 0f, 1f, 2f }).Within(1e-6f));
    }

    [Test]
    public void Search_DotProduct_ReportsNegatedDot()
    {
        var index = new FlatIndex(2, DistanceMetric.DotProduct);
        index.Add(1, [1, 2]);
        index.Add(2, [3, 1]);
        var results = new Neighbor[2];

        index.Search([2, 1], 2, results);

        Assert.That(results, Is.EqualTo(new[] { new Neighbor(2, -7f), new Neighbor(1, -4f) }));
    }

    private sealed class PredicateFilter(Func<int, bool> predicate) : IIdFilter
    {
        public int EstimatedMatchCount => -1;

        public bool Matches(int id) => predicate(id);
    }
}
