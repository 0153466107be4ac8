using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Benchmarks.Storage;

/// <summary>
/// Read-only open of a checkpointed collection: the time must not grow with the collection (100k vs 1M
/// side by side), and the first reads after open (page faults on the mapping, page cache warm).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StorageOpenBenchmarks
{
    private string _directory = "";

    [Params(100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _directory = StorageBenchmarkData.EnsureVectors(N);

    [Benchmark(Baseline = true)]
    public int Open_ReadOnly()
    {
        using CollectionStore store = CollectionStore.Open(_directory, StoreOpenMode.ReadOnly);
        return store.RowCount;
    }

    [Benchmark]
    public float Open_ReadOnlyThenKeyLookupAndVector()
    {
        using CollectionStore store = CollectionStore.Open(_directory, StoreOpenMode.ReadOnly);
        store.TryGetId("777", out int id);
        Span<float> vector = stackalloc float[StorageBenchmarkData.Dimension];
        store.TryCopyVector(0, id, vector);
        return vector[0];
    }
}

/// <summary>Read-only open of a collection with a persisted HNSW graph, and the first query searched in place from the mapping.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StorageGraphOpenBenchmarks
{
    private const int N = 20_000;
    private string _directory = "";
    private float[] _query = [];
    private readonly Neighbor[] _results = new Neighbor[10];

    [GlobalSetup]
    public void Setup()
    {
        _directory = StorageBenchmarkData.EnsureGraph(N);
        _query = StorageBenchmarkData.RandomVector(new Random(9));
    }

    [Benchmark(Baseline = true)]
    public int OpenMapped_Hnsw()
    {
        using CollectionStore store = CollectionStore.Open(_directory, StoreOpenMode.ReadOnly);
        using HnswIndex index = HnswStorage.OpenMapped(store.GetCheckpointedSpace(0));
        return index.Count;
    }

    [Benchmark]
    public int OpenMapped_HnswFirstQuery()
    {
        using CollectionStore store = CollectionStore.Open(_directory, StoreOpenMode.ReadOnly);
        using HnswIndex index = HnswStorage.OpenMapped(store.GetCheckpointedSpace(0));
        return index.Search(_query, 10, _results, 64);
    }
}
