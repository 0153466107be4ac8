using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    [Test]
    public void Commit_HnswModalities_PersistsEachGraphInItsSpaceSegment()
    {
        string directory = TestDirectory();
        using (var collection = MultiModalCollection.Create(directory, EmbeddingSchema(IndexParameters.Default)))
        {
            Fill(collection, 120, seed: 40);
            collection.Commit();
        }

        using CollectionStore store = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.Multiple(() =>
        {
            Assert.That(HnswStorage.HasGraph(store.GetCheckpointedSpace(0)), Is.True, "image graph");
            Assert.That(HnswStorage.HasGraph(store.GetCheckpointedSpace(1)), Is.True, "audio graph");
        });
    }

    [Test]
    public void Commit_ExactModalities_PersistsNoGraph()
    {
        string directory = TestDirectory();
        using (var collection = MultiModalCollection.Create(directory, EmbeddingSchema(IndexParameters.Exact)))
        {
            Fill(collection, 50, seed: 41);
            collection.Commit();
        }

        using CollectionStore store = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.That(HnswStorage.HasGraph(store.GetCheckpointedSpace(0)), Is.False);
    }

    [Test]
    public void Open_ReadOnly_SearchesTheCommittedGraphInPlace()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema(IndexParameters.Hnsw(efSearch: 16));
        MultiModalQuery[] queries = GraphQueries();
        string[][] before;
        using (var collection = MultiModalCollection.Create(directory, schema))
        {
            Fill(collection, 400, seed: 42);
            collection.Delete("k7");
            collection.Commit();
            before = SearchAll(collection, queries);
        }

        using var reopened = MultiModalCollection.Open(directory, schema, readOnly: true);

        // A mapped graph is read-only: a rebuilt in-memory index would accept the add.
        IVectorIndex image = reopened.IndexOf(Image);
        Assert.That(image, Is.InstanceOf<HnswIndex>());
        Assert.Throws<NotSupportedException>(() => image.Add(100_000, RandomVector(new Random(1))));
        Assert.That(image.Count, Is.EqualTo(399));
        Assert.That(SearchAll(reopened, queries), Is.EqualTo(before));
    }

    [Test]
    public void Open_ReadWrite_ContinuesTheCommittedGraphWithTheLogTail()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema(IndexParameters.Hnsw(efSearch: 16));
        MultiModalQuery[] queries = GraphQueries();
        string[][] before;
        using (var collection = MultiModalCollection.Create(directory, schema))
        {
            Fill(collection, 300, seed: 43);
            collection.Commit();

            // Written after the commit: only the log holds these.
            collection.Upsert("late", new MultiModalItem().SetEmbedding(Image, QueryVector(Image, 0)));
            collection.Delete("k3");
            before = SearchAll(collection, queries);
        }

        using (var reopened = MultiModalCollection.Open(directory, schema))
        {
            Assert.That(reopened.IndexOf(Image).Count, Is.EqualTo(300), "300 − k3 + late");
            Assert.That(reopened.IndexOf(Audio).Count, Is.EqualTo(299));
            Assert.That(SearchAll(reopened, queries), Is.EqualTo(before));
            Assert.That(reopened.Search(new MultiModalQuery().SetEmbedding(Image, QueryVector(Image, 0)), k: 1)[0].Key, Is.EqualTo("late"), "the tail's add is searchable");
            Assert.That(reopened.Contains("k3"), Is.False, "the tail's delete holds");

            // The copy is writable and the next commit persists it with the new writes.
            reopened.Upsert("later", new MultiModalItem().SetEmbedding(Audio, QueryVector(Audio, 1)));
            reopened.Commit();
        }

        using var readOnly = MultiModalCollection.Open(directory, schema, readOnly: true);
        Assert.That(readOnly.IndexOf(Audio).Count, Is.EqualTo(300));
        Assert.That(readOnly.Search(new MultiModalQuery().SetEmbedding(Audio, QueryVector(Audio, 1)), k: 1)[0].Key, Is.EqualTo("later"));
    }

    [Test]
    public void Upsert_LogPastAutoCommitBudget_CommitsWithTheGraphs()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema(IndexParameters.Default);
        var options = new MultiModalCollectionOptions { AutoCommitLogBytes = 4096 };
        using (var collection = MultiModalCollection.Create(directory, schema, options))
        {
            Fill(collection, 200, seed: 44);
        }

        // Never committed by hand: the automatic commits alone put graphs and most rows in the segments.
        using CollectionStore store = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.Multiple(() =>
        {
            Assert.That(HnswStorage.HasGraph(store.GetCheckpointedSpace(0)), Is.True);
            Assert.That(store.CheckpointedRowCount, Is.GreaterThan(150));
        });
    }

    [Test]
    public void AutoCommitLogBytes_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MultiModalCollectionOptions { AutoCommitLogBytes = -1 });

    private static MultiModalQuery[] GraphQueries() =>
        [.. Enumerable.Range(0, 12).Select(i => new MultiModalQuery()
            .SetEmbedding(Image, QueryVector(Image, i))
            .SetEmbedding(Audio, QueryVector(Audio, i)))];

    private static float[] QueryVector(Modality modality, int query) =>
        RandomVector(new Random((modality == Image ? 100 : 200) + query));

    private static string[][] SearchAll(MultiModalCollection collection, MultiModalQuery[] queries) =>
        [.. queries.Select(q => collection.Search(q, k: 10, Fuse.Late(Combine.Rrf())).Select(m => m.Key).ToArray())];
}
