using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Testing;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

/// <summary>Datasets, builders and the FlatIndex-based recall measure shared by the HNSW tests.</summary>
internal static class HnswTestSupport
{
    /// <summary>Whether the long variants run (MMM_LONG_TESTS=1).</summary>
    public static bool LongTests => Environment.GetEnvironmentVariable("MMM_LONG_TESTS") == "1";

    /// <summary>
    /// Row-major Gaussian clusters: centres ~ N(0, 1) drawn from <paramref name="seed"/>, points =
    /// centre + N(0, spread²) drawn from <paramref name="pointSeed"/> (default: the same seed), so
    /// queries from the same distribution use the same seed and another point seed.
    /// </summary>
    public static float[] Clustered(int count, int dimension, int clusters, int seed, int? pointSeed = null, double spread = 0.35)
    {
        var centreRandom = new Random(seed);
        var centres = new double[clusters * dimension];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = Gaussian(centreRandom);
        }

        var random = new Random(pointSeed ?? ~seed);
        var data = new float[count * dimension];
        for (int i = 0; i < count; i++)
        {
            int c = random.Next(clusters);
            for (int j = 0; j < dimension; j++)
            {
                data[(i * dimension) + j] = (float)(centres[(c * dimension) + j] + (spread * Gaussian(random)));
            }
        }

        return data;
    }

    public static HnswIndex Build(float[] data, int dimension, DistanceMetric metric, int m = 16, int efConstruction = 100, ulong seed = 42, int threads = 1, int firstId = 0)
    {
        var index = new HnswIndex(new HnswOptions
        {
            Dimension = dimension,
            Metric = metric,
            M = m,
            EfConstruction = efConstruction,
            Seed = seed,
            InitialCapacity = Math.Max(1, data.Length / dimension),
        });
        index.AddRange(Enumerable.Range(firstId, data.Length / dimension).ToArray(), data, threads);
        return index;
    }

    public static FlatIndex Exact(IEnumerable<(int Id, float[] Vector)> items, int dimension, DistanceMetric metric)
    {
        var exact = new FlatIndex(dimension, metric);
        foreach ((int id, float[] vector) in items)
        {
            exact.Add(id, vector);
        }

        return exact;
    }

    public static IEnumerable<(int Id, float[] Vector)> Rows(float[] data, int dimension, int firstId = 0) =>
        Enumerable.Range(0, data.Length / dimension).Select(i => (firstId + i, data.AsSpan(i * dimension, dimension).ToArray()));

    /// <summary>Mean recall@k of the index against the exact index over the queries.</summary>
    public static double Recall(HnswIndex index, FlatIndex exact, float[] queries, int k, int ef, IIdFilter? filter = null)
    {
        int dimension = index.Dimension;
        var found = new Neighbor[k];
        var truth = new Neighbor[k];
        long hits = 0;
        long wanted = 0;
        for (int q = 0; q < queries.Length / dimension; q++)
        {
            ReadOnlySpan<float> query = queries.AsSpan(q * dimension, dimension);
            int expected = exact.Search(query, k, truth, filter);
            int got = index.Search(query, k, found, ef, filter);
            var truthIds = truth.Take(expected).Select(n => n.Id).ToHashSet();
            hits += found.Take(got).Count(n => truthIds.Contains(n.Id));
            wanted += expected;
        }

        return wanted == 0 ? 1 : (double)hits / wanted;
    }

    public static void AssertValid(HnswIndex index)
    {
        IReadOnlyList<string> problems = HnswGraphValidator.Validate(index);
        Assert.That(problems, Is.Empty, string.Join("; ", problems.Take(10)));
    }

    /// <summary>A folder of the shared real-data corpus (see <see cref="SharedTestData"/>).</summary>
    public static string RequireSharedData(string relative) => SharedTestData.Require(relative);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}

/// <summary>An allow-set filter over ids with a configurable (possibly unknown) estimate.</summary>
internal sealed class SetFilter(HashSet<int> allowed, bool reportCount = true) : IIdFilter
{
    public bool Matches(int id) => allowed.Contains(id);

    public int EstimatedMatchCount => reportCount ? allowed.Count : -1;
}
