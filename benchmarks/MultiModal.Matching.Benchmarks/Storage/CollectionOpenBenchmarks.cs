using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing.Hnsw;

namespace MultiModal.Matching.Benchmarks.Storage;

/// <summary>
/// Opening a committed directory collection through the facade: 10,000 items with two HNSW modalities of
/// 128 dimensions. Read-only opens map the persisted graphs; read-write opens copy them and replay the (empty)
/// log tail. The baseline re-inserts every vector into fresh graphs, which is what an open cost before graphs
/// were persisted, and what it still costs for a collection committed without them.
/// </summary>
[Config(typeof(StorageBenchmarkConfig))]
[MemoryDiagnoser]
public class CollectionOpenBenchmarks
{
    private const int N = 10_000;
    private string _directory = "";
    private CollectionSchema _schema = null!;
    private float[][] _image = [];
    private float[][] _audio = [];

    [GlobalSetup]
    public void Setup()
    {
        _schema = new CollectionSchema()
            .WithModality(Modality.Image, StorageBenchmarkData.Dimension, DistanceMetric.Cosine, IndexParameters.Default)
            .WithModality(Modality.Audio, StorageBenchmarkData.Dimension, DistanceMetric.Cosine, IndexParameters.Default);
        var random = new Random(5);
        _image = [.. Enumerable.Range(0, N).Select(_ => StorageBenchmarkData.RandomVector(random))];
        _audio = [.. Enumerable.Range(0, N).Select(_ => StorageBenchmarkData.RandomVector(random))];
        _directory = Path.Combine(Path.GetTempPath(), $"mmm-bench-collection-{N}x2x{StorageBenchmarkData.Dimension}");
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        using var collection = MultiModalCollection.Create(_directory, _schema);
        collection.UpsertBatch([.. Enumerable.Range(0, N).Select(i => KeyValuePair.Create(
            $"item{i}", new MultiModalItem().SetEmbedding(Modality.Image, _image[i]).SetEmbedding(Modality.Audio, _audio[i])))]);
        collection.Commit();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public int Rebuild_BothGraphs()
    {
        var options = IndexParameters.Default;
        using var image = new HnswIndex(new HnswOptions { Dimension = StorageBenchmarkData.Dimension, Metric = DistanceMetric.Cosine, M = options.M, EfConstruction = options.EfConstruction });
        using var audio = new HnswIndex(new HnswOptions { Dimension = StorageBenchmarkData.Dimension, Metric = DistanceMetric.Cosine, M = options.M, EfConstruction = options.EfConstruction });
        Parallel.Invoke(
            () => AddAll(image, _image),
            () => AddAll(audio, _audio));
        return image.Count + audio.Count;
    }

    [Benchmark]
    public int Open_ReadOnly()
    {
        using var collection = MultiModalCollection.Open(_directory, _schema, readOnly: true);
        return collection.Count;
    }

    [Benchmark]
    public int Open_ReadWrite()
    {
        using var collection = MultiModalCollection.Open(_directory, _schema);
        return collection.Count;
    }

    private static void AddAll(HnswIndex index, float[][] vectors)
    {
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
        }
    }
}
