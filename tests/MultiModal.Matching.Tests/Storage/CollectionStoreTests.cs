using MultiModal.Matching.Attributes;
using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

public sealed partial class CollectionStoreTests
{
    private readonly List<string> _directories = [];

    [TearDown]
    public void DeleteDirectories()
    {
        foreach (string directory in _directories)
        {
            StorageTestSupport.DeleteDirectory(directory);
        }

        _directories.Clear();
    }

    [Test]
    public void Open_AfterCheckpoint_ReadOnlyAndReadWriteHoldEveryItem()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 8, batches: 8));
        var model = CrashWorkload.Model(8);
        using (CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly, new CollectionStoreOptions { VerifyChecksums = true }))
        {
            Assert.That(reader.IsReadOnly, Is.True);
            StorageTestSupport.AssertMatchesModel(reader, model, "read-only");
        }

        using CollectionStore writer = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        StorageTestSupport.AssertMatchesModel(writer, model, "read-write");
    }

    [Test]
    public void Open_ReadWrite_ReplaysLogAfterCheckpoint()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 3, batches: 7));
        using (CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly))
        {
            StorageTestSupport.AssertMatchesModel(reader, CrashWorkload.Model(3), "read-only sees the checkpoint");
        }

        using CollectionStore writer = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        Assert.That(writer.CheckpointedRowCount, Is.LessThan(writer.RowCount));
        StorageTestSupport.AssertMatchesModel(writer, CrashWorkload.Model(7), "read-write replays the log");
    }

    [Test]
    public void Search_AfterReopen_BitIdenticalResults()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 10, batches: 12));
        float[][] queries = Enumerable.Range(0, 20).Select(q => CrashWorkload.Batch(500 + q)[0].Vectors[0].ToArray()).ToArray();
        Neighbor[][] before;
        using (CollectionStore writer = CollectionStore.Open(directory, StoreOpenMode.ReadWrite))
        {
            before = SearchAll(writer, queries);
            writer.Checkpoint();
        }

        using (CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly))
        {
            AssertSameResults(SearchAll(reader, queries), before);
        }

        using CollectionStore reopened = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        AssertSameResults(SearchAll(reopened, queries), before);
    }

    [Test]
    public void Apply_UpsertExistingKey_NewIdAndOldTombstoned()
    {
        string directory = Track(StorageTestSupport.NewDirectory("upsert"));
        using CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces);
        StoreOperationResult first = store.Upsert("a", [new float[16]]);
        StoreOperationResult second = store.Upsert("a", [Enumerable.Repeat(1f, 16).ToArray()]);
        Assert.That((first.Id, first.ReplacedId, second.Id, second.ReplacedId), Is.EqualTo((0, -1, 1, 0)));
        Assert.That(store.IsLive(0), Is.False);
        Assert.That(store.TryGetId("a", out int id) && id == 1, Is.True);
        Assert.That(store.Delete("a"), Is.EqualTo(1));
        Assert.That(store.Delete("a"), Is.EqualTo(-1));
        Assert.That(store.TryGetId("a", out _), Is.False);
        Assert.That(store.LiveCount, Is.Zero);
    }

    [Test]
    public void Apply_InvalidOperation_ThrowsAndChangesNothing()
    {
        string directory = Track(StorageTestSupport.NewDirectory("invalid"));
        using CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces);
        store.Upsert("kept", [new float[16]]);
        long logLength = store.LogLength;
        float[] nan = new float[16];
        nan[3] = float.NaN;
        Assert.Multiple(() =>
        {
            Assert.That(() => store.Apply([StoreOperation.Upsert("x", [new float[16]]), StoreOperation.Upsert("y", [new float[15]])]), Throws.ArgumentException);
            Assert.That(() => store.Upsert("x", [nan]), Throws.ArgumentException);
            Assert.That(() => store.Upsert("", [new float[16]]), Throws.ArgumentException);
            Assert.That(() => store.Upsert("bad\ud800", [new float[16]]), Throws.ArgumentException);
            Assert.That(() => store.Upsert(new string('k', 5000), [new float[16]]), Throws.ArgumentException);
            Assert.That(() => store.Upsert("x", [new float[16], new float[8], new float[8]]), Throws.ArgumentException);
            Assert.That(() => store.Upsert("x", [new float[16]], [new("a", AttributeValue.FromInteger(1)), new("a", AttributeValue.FromInteger(2))]), Throws.ArgumentException);
            Assert.That(() => store.Apply([]), Throws.ArgumentException);
        });
        Assert.That(store.LogLength, Is.EqualTo(logLength));
        Assert.That(store.RowCount, Is.EqualTo(1));
        Assert.That(store.TryGetId("x", out _), Is.False);
    }

    [Test]
    public void Apply_ReadOnly_Throws()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 1, batches: 1));
        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.That(() => reader.Upsert("z", [new float[16]]), Throws.InvalidOperationException);
        Assert.That(() => reader.Checkpoint(), Throws.InvalidOperationException);
    }

    [Test]
    public void Checkpoint_AutomaticPastLogSize_TruncatesLog()
    {
        string directory = Track(StorageTestSupport.NewDirectory("auto"));
        using CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces, new CollectionStoreOptions { AutoCheckpointLogBytes = 4096 });
        for (int b = 0; b < 6; b++)
        {
            store.Apply(CrashWorkload.Batch(b));
        }

        Assert.That(store.Generation, Is.GreaterThan(1));
        Assert.That(store.LogLength, Is.LessThan(4096 + 2048));
        Assert.That(Directory.GetFiles(directory, "*.seg"), Has.Length.EqualTo(3), "old generations are deleted");
        StorageTestSupport.AssertMatchesModel(store, CrashWorkload.Model(6), "after automatic checkpoints");
    }

    [Test]
    public void Attributes_AllKinds_RoundTrip()
    {
        string directory = Track(StorageTestSupport.NewDirectory("attributes"));
        KeyValuePair<string, AttributeValue>[] attributes =
        [
            new("title", AttributeValue.FromString("Æsop — fables")),
            new("year", AttributeValue.FromInteger(-600)),
            new("score", AttributeValue.FromNumber(0.125)),
            new("public", AttributeValue.FromBoolean(true)),
        ];
        using (CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces))
        {
            store.Upsert("item", [new float[16]], attributes);
            Assert.That(store.GetAttributes(0), Is.EqualTo(attributes));
            store.Checkpoint();
        }

        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.That(reader.GetAttributes(0), Is.EqualTo(attributes));
    }

    [Test]
    public void Create_ExistingCollection_Throws()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 1, batches: 1));
        Assert.That(() => CollectionStore.Create(directory, CrashWorkload.Spaces), Throws.InstanceOf<IOException>());
    }

    [Test]
    public void Open_NoCollection_ThrowsFileNotFound()
    {
        string directory = Track(StorageTestSupport.NewDirectory("empty"));
        Assert.That(() => CollectionStore.Open(directory, StoreOpenMode.ReadOnly), Throws.InstanceOf<FileNotFoundException>());
        Assert.That(() => CollectionStore.Open(directory, StoreOpenMode.ReadWrite), Throws.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void Read_DuringConcurrentWrites_SeesWholeBatches()
    {
        string directory = Track(StorageTestSupport.NewDirectory("concurrent"));
        using CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces, new CollectionStoreOptions { AutoCheckpointLogBytes = 16 << 10 });
        using var done = new ManualResetEventSlim();
        var failures = new List<string>();
        var counts = Enumerable.Range(0, 31).Select(c => CrashWorkload.Model(c).Count).ToHashSet();
        var reader = Task.Run(() =>
        {
            while (!done.IsSet)
            {
                // Batch b upserts key 1 before key 11 and neither is ever deleted: seeing key 1 of a batch
                // and then missing key 11 would be a torn batch. Every live count must be a batch boundary's.
                for (int b = 0; b < 30; b++)
                {
                    bool early = store.TryGetId(CrashWorkload.Key(b, 1), out _);
                    bool late = store.TryGetId(CrashWorkload.Key(b, 11), out _);
                    int live = store.LiveCount;
                    if ((early && !late) || !counts.Contains(live))
                    {
                        lock (failures)
                        {
                            failures.Add($"batch {b}: early {early}, late {late}, live {live}");
                        }
                    }
                }
            }
        });
        for (int b = 0; b < 30; b++)
        {
            store.Apply(CrashWorkload.Batch(b));
        }

        done.Set();
        reader.Wait();
        Assert.That(failures, Is.Empty);
        StorageTestSupport.AssertMatchesModel(store, CrashWorkload.Model(30), "after concurrent reads");
    }

    private static Neighbor[][] SearchAll(CollectionStore store, float[][] queries)
    {
        var index = new FlatIndex(16, DistanceMetric.L2);
        var row = new float[16];
        for (int id = 0; id < store.RowCount; id++)
        {
            if (store.IsLive(id) && store.TryCopyVector(0, id, row))
            {
                index.Add(id, row);
            }
        }

        var results = new Neighbor[queries.Length][];
        for (int q = 0; q < queries.Length; q++)
        {
            var destination = new Neighbor[10];
            int count = index.Search(queries[q], 10, destination);
            results[q] = destination[..count];
        }

        return results;
    }

    private static void AssertSameResults(Neighbor[][] actual, Neighbor[][] expected)
    {
        for (int q = 0; q < expected.Length; q++)
        {
            Assert.That(actual[q], Is.EqualTo(expected[q]), $"query {q}");
        }
    }

    private string Track(string directory)
    {
        _directories.Add(directory);
        return directory;
    }
}
