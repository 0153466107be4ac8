using System.Buffers.Binary;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;
using MultiModal.Matching.Tests.Storage;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed class HnswStorageTests
{
    private const int Dimension = 24;
    private const int Count = 3000;
    private readonly List<string> _directories = [];

    [TearDown]
    public void DeleteDirectories()
    {
        foreach (string directory in _directories)
        {
            StorageTestSupport.DeleteDirectory(directory);
        }
    }

    [TestCase(DistanceMetric.L2)]
    [TestCase(DistanceMetric.Cosine)]
    public void OpenMapped_AfterCheckpoint_BitIdenticalSearchWithoutRebuild(DistanceMetric metric)
    {
        float[][] vectors = RandomVectors(Count, seed: 5);
        float[][] queries = RandomVectors(50, seed: 6);
        using HnswIndex built = Build(vectors, metric);
        string directory = Save(built, vectors, metric);
        Neighbor[][] expected = SearchAll(built, queries);

        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        using HnswIndex mapped = HnswStorage.OpenMapped(reader.GetCheckpointedSpace(0));
        Assert.That(mapped.Count, Is.EqualTo(Count));
        AssertSame(SearchAll(mapped, queries), expected);
        Assert.That(() => mapped.Add(Count, vectors[0]), Throws.InstanceOf<NotSupportedException>());
    }

    [TestCase(DistanceMetric.L2)]
    [TestCase(DistanceMetric.Cosine)]
    public void OpenMapped_TwoTierGraph_KeepsQuantizerAndSearchesIdentically(DistanceMetric metric)
    {
        float[][] vectors = RandomVectors(Count, seed: 9);
        float[][] queries = RandomVectors(50, seed: 10);
        using HnswIndex built = Build(vectors, metric, HnswQuantization.Int8);
        string directory = Save(built, vectors, metric);
        Neighbor[][] expected = SearchAll(built, queries);

        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        using HnswIndex mapped = HnswStorage.OpenMapped(reader.GetCheckpointedSpace(0));
        Assert.That(mapped.Options.Quantization, Is.EqualTo(HnswQuantization.Int8));
        Assert.That(mapped.CaptureHeader(), Is.EqualTo(built.CaptureHeader()));
        AssertSame(SearchAll(mapped, queries), expected);
    }

    [Test]
    public void LoadCopy_ReadWrite_SameResultsAndStaysWritableAndValid()
    {
        float[][] vectors = RandomVectors(Count, seed: 7);
        float[][] queries = RandomVectors(50, seed: 8);
        using HnswIndex built = Build(vectors, DistanceMetric.L2);
        string directory = Save(built, vectors, DistanceMetric.L2);
        Neighbor[][] expected = SearchAll(built, queries);

        using CollectionStore writer = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        using HnswIndex copy = HnswStorage.LoadCopy(writer.GetCheckpointedSpace(0));
        AssertSame(SearchAll(copy, queries), expected);
        copy.Add(Count, queries[0]);
        copy.Remove(3);
        Assert.That(HnswGraphValidator.Validate(copy), Is.Empty);
        var top = new Neighbor[1];
        copy.Search(queries[0], 1, top);
        Assert.That(top[0].Id, Is.EqualTo(Count));
    }

    [Test]
    public void OpenMapped_DamagedGraphHeader_ThrowsCorruptNamingSegment()
    {
        float[][] vectors = RandomVectors(500, seed: 9);
        using HnswIndex built = Build(vectors, DistanceMetric.L2);
        string directory = Save(built, vectors, DistanceMetric.L2);
        string segment = Directory.GetFiles(directory, "space-base-*.seg").Single();

        // Rewrite SlotCount (offset 40 of the graph header) far beyond the level-0 region. Opening without the
        // checksum pass maps it; the index's own header checks must refuse it. The checksum pass refuses it too.
        using (CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly))
        {
            reader.GetCheckpointedSpace(0).File.TryGetRegion(SegmentRegionKind.GraphHeader, out SegmentRegion region);
            reader.Dispose();
            byte[] bytes = File.ReadAllBytes(segment);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)region.Offset + 40), int.MaxValue / 2);
            File.WriteAllBytes(segment, bytes);
        }

        using CollectionStore damaged = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        CorruptIndexException? e = Assert.Throws<CorruptIndexException>(() => HnswStorage.OpenMapped(damaged.GetCheckpointedSpace(0)));
        Assert.That(e!.FilePath, Is.EqualTo(segment));
        Assert.That(() => CollectionStore.Open(directory, StoreOpenMode.ReadOnly, new CollectionStoreOptions { VerifyChecksums = true }), Throws.InstanceOf<CorruptIndexException>());
    }

    [Test]
    public void OpenMapped_NoGraph_ThrowsCorrupt()
    {
        string directory = Track(StorageTestSupport.NewDirectory("nograph"));
        using (CollectionStore store = CollectionStore.Create(directory, [new VectorSpaceDefinition("base", Dimension, DistanceMetric.L2)]))
        {
            store.Upsert("a", [new float[Dimension]]);
            store.Checkpoint();
        }

        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.That(HnswStorage.HasGraph(reader.GetCheckpointedSpace(0)), Is.False);
        Assert.That(() => HnswStorage.OpenMapped(reader.GetCheckpointedSpace(0)), Throws.InstanceOf<CorruptIndexException>());
    }

    private static HnswIndex Build(float[][] vectors, DistanceMetric metric, HnswQuantization quantization = HnswQuantization.None)
    {
        var index = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = metric, M = 12, EfConstruction = 80, Seed = 3, Quantization = quantization });
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
        }

        return index;
    }

    private string Save(HnswIndex index, float[][] vectors, DistanceMetric metric)
    {
        string directory = Track(StorageTestSupport.NewDirectory("hnsw"));
        using CollectionStore store = CollectionStore.Create(directory, [new VectorSpaceDefinition("base", Dimension, metric)]);
        var batch = new StoreOperation[vectors.Length];
        for (int i = 0; i < vectors.Length; i++)
        {
            batch[i] = StoreOperation.Upsert(i.ToString(System.Globalization.CultureInfo.InvariantCulture), [vectors[i]]);
        }

        store.Apply(batch);
        store.SetGraphSource(0, HnswStorage.AsGraphSource(index));
        store.Checkpoint();
        return directory;
    }

    private static Neighbor[][] SearchAll(HnswIndex index, float[][] queries)
    {
        var results = new Neighbor[queries.Length][];
        for (int q = 0; q < queries.Length; q++)
        {
            var destination = new Neighbor[10];
            int found = index.Search(queries[q], 10, destination, 48);
            results[q] = destination[..found];
        }

        return results;
    }

    private static void AssertSame(Neighbor[][] actual, Neighbor[][] expected)
    {
        for (int q = 0; q < expected.Length; q++)
        {
            Assert.That(actual[q], Is.EqualTo(expected[q]), $"query {q}");
        }
    }

    private static float[][] RandomVectors(int count, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new float[Dimension];
            for (int d = 0; d < Dimension; d++)
            {
                vectors[i][d] = (float)random.NextDouble();
            }
        }

        return vectors;
    }

    private string Track(string directory)
    {
        _directories.Add(directory);
        return directory;
    }
}
