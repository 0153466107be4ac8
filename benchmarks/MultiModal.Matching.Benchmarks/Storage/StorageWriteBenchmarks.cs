using System.Globalization;
using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Benchmarks.Storage;

/// <summary>Durable writes: every call returns after its log record is fsynced. One upsert per call vs batches of 1,000 (one fsync each).</summary>
[MemoryDiagnoser]
[Config(typeof(StorageBenchmarkConfig))]
public class StorageWriteBenchmarks
{
    private const int BatchSize = 1000;
    private readonly StoreOperation[] _batch = new StoreOperation[BatchSize];
    private readonly ReadOnlyMemory<float>[] _single = new ReadOnlyMemory<float>[1];
    private CollectionStore? _store;
    private string _directory = "";
    private int _next;
    private float[] _vector = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"mmm-bench-writes-{Guid.NewGuid():N}");
        _store = CollectionStore.Create(_directory, [new VectorSpaceDefinition("base", StorageBenchmarkData.Dimension, DistanceMetric.L2)], new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        _vector = StorageBenchmarkData.RandomVector(new Random(3));
        _single[0] = _vector;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int Upsert_Single() => _store!.Upsert((_next++).ToString(CultureInfo.InvariantCulture), _single).Id;

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int Apply_Batch1000()
    {
        for (int i = 0; i < BatchSize; i++)
        {
            _batch[i] = StoreOperation.Upsert((_next++).ToString(CultureInfo.InvariantCulture), [_vector]);
        }

        return _store!.Apply(_batch).Length;
    }
}

/// <summary>Checkpoint cost: rewriting a collection of 100k or 1M items (128-d) into a new generation, fsyncs and manifest swap included.</summary>
[Config(typeof(StorageBenchmarkConfig))]
public class StorageCheckpointBenchmarks
{
    private CollectionStore? _store;
    private string _directory = "";
    private float[] _vector = [];
    private int _next;

    [Params(100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string source = StorageBenchmarkData.EnsureVectors(N);
        _directory = Path.Combine(Path.GetTempPath(), $"mmm-bench-checkpoint-{N}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }

        _store = CollectionStore.Open(_directory, StoreOpenMode.ReadWrite, new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        _vector = StorageBenchmarkData.RandomVector(new Random(4));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup]
    public void AddOne() => _store!.Upsert($"new-{_next++}", [_vector]);

    [Benchmark]
    public long Checkpoint()
    {
        _store!.Checkpoint();
        return _store.Generation;
    }
}
