using FsCheck;
using FsCheck.Fluent;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    private const string PropertySeed = "20261122,3";

    /// <summary>A generated dataset: size, dimension, metric, M, clusters and seed.</summary>
    public sealed record Dataset(int Count, int Dimension, DistanceMetric Metric, int M, int Clusters, int Seed)
    {
        public override string ToString() => $"n={Count} d={Dimension} {Metric} M={M} clusters={Clusters} seed={Seed}";
    }

    /// <summary>A random sequence of adds (true) and removes (false), with a compaction threshold and M.</summary>
    public sealed record OperationSequence(bool[] Adds, int M, double Threshold, int Seed)
    {
        public override string ToString() => $"ops={Adds.Length} M={M} threshold={Threshold} seed={Seed}";
    }

    /// <summary>A filtered query: dataset size, fraction allowed, k, whether the filter reports its count.</summary>
    public sealed record FilterCase(int Count, double Fraction, int K, bool ReportsCount, int Seed)
    {
        public override string ToString() => $"n={Count} fraction={Fraction} k={K} reports={ReportsCount} seed={Seed}";
    }

    public static class HnswArbitraries
    {
        public static Arbitrary<Dataset> Datasets() => Arb.From(
            from count in Gen.Choose(300, 1500)
            from dimension in Gen.Elements(4, 8, 16, 32, 64)
            from metric in Gen.Elements(DistanceMetric.L2, DistanceMetric.Cosine, DistanceMetric.DotProduct)
            from m in Gen.Elements(8, 12, 16, 24)
            from clusters in Gen.Choose(3, 30)
            from seed in Gen.Choose(0, 1_000_000)
            select new Dataset(count, dimension, metric, m, clusters, seed));

        public static Arbitrary<OperationSequence> Sequences() => Arb.From(
            from length in Gen.Choose(1, 400)
            from adds in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false))), length)
            from m in Gen.Choose(2, 8)
            from threshold in Gen.Elements(0.05, 0.25, 0.6, 1.0)
            from seed in Gen.Choose(0, 1_000_000)
            select new OperationSequence(adds, m, threshold, seed));

        public static Arbitrary<FilterCase> Filters() => Arb.From(
            from count in Gen.Choose(50, 3000)
            from fraction in Gen.Elements(0.0, 0.001, 0.01, 0.05, 0.2, 0.45, 0.7, 1.0)
            from k in Gen.Choose(1, 40)
            from reports in Gen.Elements(true, false)
            from seed in Gen.Choose(0, 1_000_000)
            select new FilterCase(count, fraction, k, reports, seed));
    }

    [Property(Arbitrary = [typeof(HnswArbitraries)], MaxTest = 12, Replay = PropertySeed, QuietOnSuccess = true)]
    public bool Recall_ClusteredData_AtLeast95PercentAtEf64(Dataset data)
    {
        float[] vectors = Clustered(data.Count, data.Dimension, data.Clusters, data.Seed);
        using HnswIndex index = Build(vectors, data.Dimension, data.Metric, m: data.M, efConstruction: 100, seed: (ulong)data.Seed);
        FlatIndex exact = Exact(Rows(vectors, data.Dimension), data.Dimension, data.Metric);
        float[] queries = Clustered(60, data.Dimension, data.Clusters, data.Seed, pointSeed: data.Seed + 1);
        return Recall(index, exact, queries, 10, ef: 64) >= 0.95 && HnswGraphValidator.Validate(index).Count == 0;
    }

    [Property(Arbitrary = [typeof(HnswArbitraries)], MaxTest = 25, Replay = PropertySeed, QuietOnSuccess = true)]
    public bool Validator_AfterRandomAddsRemovesAndCompactions_FindsNoProblem(OperationSequence sequence)
    {
        const int Dimension = 6;
        var random = new Random(sequence.Seed);
        using var index = new HnswIndex(new HnswOptions
        {
            Dimension = Dimension,
            Metric = DistanceMetric.L2,
            M = sequence.M,
            EfConstruction = 24,
            CompactionThreshold = sequence.Threshold,
            InitialCapacity = 8,
            Seed = (ulong)sequence.Seed,
        });
        var live = new List<int>();
        int nextId = 0;
        var vector = new float[Dimension];
        for (int step = 0; step < sequence.Adds.Length; step++)
        {
            if (sequence.Adds[step] || live.Count == 0)
            {
                for (int j = 0; j < Dimension; j++)
                {
                    vector[j] = (float)((random.Next(8) * 0.5) + (random.NextDouble() * 0.05));
                }

                index.Add(nextId, vector);
                live.Add(nextId++);
            }
            else
            {
                int pick = random.Next(live.Count);
                index.Remove(live[pick]);
                live.RemoveAt(pick);
            }

            if (step % 50 == 49 && HnswGraphValidator.Validate(index).Count != 0)
            {
                return false;
            }
        }

        if (random.Next(2) == 0)
        {
            index.Compact();
        }

        return HnswGraphValidator.Validate(index).Count == 0 && index.Count == live.Count && live.All(index.Contains);
    }

    [Property(Arbitrary = [typeof(HnswArbitraries)], MaxTest = 30, Replay = PropertySeed, QuietOnSuccess = true)]
    public bool Search_WithFilter_ReturnsMinOfKAndMatchesAllMatching(FilterCase filterCase)
    {
        const int Dimension = 8;
        float[] vectors = Clustered(filterCase.Count, Dimension, 6, filterCase.Seed);
        using HnswIndex index = Build(vectors, Dimension, DistanceMetric.L2, m: 8, efConstruction: 40, seed: (ulong)filterCase.Seed);
        var random = new Random(filterCase.Seed);
        var allowed = Enumerable.Range(0, filterCase.Count).Where(_ => random.NextDouble() < filterCase.Fraction).ToHashSet();
        for (int i = 0; i < filterCase.Count; i += 9)
        {
            index.Remove(i);
            allowed.Remove(i);
        }

        var filter = new SetFilter(allowed, filterCase.ReportsCount);
        var results = new Neighbor[filterCase.K];
        for (int q = 0; q < 5; q++)
        {
            int n = index.Search(vectors.AsSpan(random.Next(filterCase.Count) * Dimension, Dimension), filterCase.K, results, efSearch: 16, filter);
            bool ok = n == Math.Min(filterCase.K, allowed.Count)
                && results.Take(n).All(r => allowed.Contains(r.Id))
                && results.Take(n).Select(r => r.Id).Distinct().Count() == n;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
