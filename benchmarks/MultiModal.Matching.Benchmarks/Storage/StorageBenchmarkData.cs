using System.Globalization;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Benchmarks.Storage;

/// <summary>Collections for the storage benchmarks, generated once under the temp folder (never in the repo).</summary>
internal static class StorageBenchmarkData
{
    public const int Dimension = 128;

    /// <summary>A checkpointed collection of <paramref name="n"/> random 128-d vectors (keys "0".."n−1"), created if missing.</summary>
    public static string EnsureVectors(int n)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"mmm-bench-{n}x{Dimension}");
        if (CollectionStore.Exists(directory))
        {
            return directory;
        }

        using CollectionStore store = CollectionStore.Create(directory, [new VectorSpaceDefinition("base", Dimension, DistanceMetric.L2)], new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        var random = new Random(1);
        const int batchSize = 10_000;
        var batch = new StoreOperation[batchSize];
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            for (int i = 0; i < count; i++)
            {
                batch[i] = StoreOperation.Upsert((start + i).ToString(CultureInfo.InvariantCulture), [RandomVector(random)]);
            }

            store.Apply(batch.AsSpan(0, count));
        }

        store.Checkpoint();
        return directory;
    }

    /// <summary>A checkpointed collection of <paramref name="n"/> random vectors with its HNSW graph persisted, created if missing.</summary>
    public static string EnsureGraph(int n)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"mmm-bench-hnsw-{n}x{Dimension}");
        if (CollectionStore.Exists(directory))
        {
            return directory;
        }

        var random = new Random(2);
        float[] vectors = new float[n * Dimension];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)random.NextDouble();
        }

        using var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = DistanceMetric.L2, M = 16, EfConstruction = 100, InitialCapacity = n });
        index.AddRange(Enumerable.Range(0, n).ToArray(), vectors, 2);
        using CollectionStore store = CollectionStore.Create(directory, [new VectorSpaceDefinition("base", Dimension, DistanceMetric.L2)], new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        var batch = new StoreOperation[n];
        for (int i = 0; i < n; i++)
        {
            batch[i] = StoreOperation.Upsert(i.ToString(CultureInfo.InvariantCulture), [vectors.AsMemory(i * Dimension, Dimension)]);
        }

        store.Apply(batch);
        store.SetGraphSource(0, HnswStorage.AsGraphSource(index));
        store.Checkpoint();
        return directory;
    }

    public static float[] RandomVector(Random random)
    {
        var vector = new float[Dimension];
        for (int d = 0; d < vector.Length; d++)
        {
            vector[d] = (float)random.NextDouble();
        }

        return vector;
    }
}
