using System.Globalization;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.AnnBench;

/// <summary>
/// AnnBench's <c>--save DIR</c> and <c>--open DIR</c>: the built index goes into a collection directory
/// (one vector space "base", internal id = row number, the HNSW graph persisted with it), and comes
/// back read-only, searched in place from the mapped segment without a rebuild.
/// </summary>
internal static class AnnBenchStorage
{
    private const int BatchSize = 10_000;

    /// <summary>Writes the base vectors and the graph of <paramref name="index"/> into a new collection at <paramref name="directory"/>.</summary>
    public static void Save(string directory, HnswIndex index, float[] baseVectors, int n, int d)
    {
        using CollectionStore store = CollectionStore.Create(
            directory,
            [new VectorSpaceDefinition("base", d, index.Metric)],
            new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        var batch = new StoreOperation[BatchSize];
        for (int start = 0; start < n; start += BatchSize)
        {
            int count = Math.Min(BatchSize, n - start);
            for (int i = 0; i < count; i++)
            {
                int row = start + i;
                batch[i] = StoreOperation.Upsert(row.ToString(CultureInfo.InvariantCulture), [baseVectors.AsMemory(row * d, d)]);
            }

            StoreOperationResult[] results = store.Apply(batch.AsSpan(0, count));
            if (results[0].Id != start)
            {
                throw new InvalidOperationException($"The collection at '{directory}' assigned id {results[0].Id} to row {start}.");
            }
        }

        store.SetGraphSource(0, HnswStorage.AsGraphSource(index));
        store.Checkpoint();
    }

    /// <summary>Opens a saved collection read-only and its graph over the mapping.</summary>
    /// <exception cref="CorruptIndexException">A file is damaged.</exception>
    public static (CollectionStore Store, HnswIndex Index) Open(string directory)
    {
        CollectionStore store = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        try
        {
            return (store, HnswStorage.OpenMapped(store.GetCheckpointedSpace(0)));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
