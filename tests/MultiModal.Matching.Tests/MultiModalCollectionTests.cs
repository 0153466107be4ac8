using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Tests.Collection;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    [Test]
    public void Search_SingleModalityExact_ReturnsTheCosineOrderOfThatModality()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 60, seed: 1);
        float[] query = RandomVector(new Random(99));

        var matches = collection.Search(new MultiModalQuery().SetEmbedding(Image, query), k: 5);

        string[] expected = [.. items.OrderByDescending(i => Cosine(i.Image, query)).Take(5).Select(i => i.Key)];
        Assert.That(matches.Select(m => m.Key), Is.EqualTo(expected));
        Assert.That(matches[0].Explanation.Select(e => e.Modality), Is.EqualTo(new[] { Image, Audio }));
        Assert.That(matches[0].Explanation[0].RawScore, Is.EqualTo(Cosine(items.First(i => i.Key == expected[0]).Image, query)).Within(1e-5));
        Assert.That(matches[0].Explanation[1].QueryHasModality, Is.False);
    }

    [Test]
    public void Search_ItemQueriedWithItsOwnVectors_RanksItFirstUnderEveryStrategy()
    {
        var schema = EmbeddingSchema().WithJointSpace((Image, 1.0), (Audio, 1.0));
        using var collection = MultiModalCollection.CreateInMemory(schema);
        var items = Fill(collection, 200, seed: 2);
        var target = items[123];
        var query = new MultiModalQuery().SetEmbedding(Image, target.Image).SetEmbedding(Audio, target.Audio);
        IFusion[] strategies =
        [
            Fuse.Late(),
            Fuse.Late(Combine.WeightedSum(Normalize.ZScore)),
            Fuse.Late(Combine.WeightedSum(Normalize.Dbsf)),
            Fuse.Early(),
            Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.WeightedSum(Normalize.MinMax)), candidates: 50),
        ];

        foreach (IFusion fusion in strategies)
        {
            var matches = collection.Search(query, k: 3, fusion);
            Assert.That(matches[0].Key, Is.EqualTo(target.Key), fusion.ToString());
        }
    }

    [Test]
    public void Upsert_ExistingKey_ReplacesVectorsAndAttributes()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        Fill(collection, 20, seed: 3);
        float[] fresh = RandomVector(new Random(5));

        collection.Upsert("k7", new MultiModalItem().SetEmbedding(Image, fresh).SetAttribute("price", 1.5));

        Assert.That(collection.Count, Is.EqualTo(20));
        Assert.That(collection.GetModalities("k7"), Is.EqualTo(new[] { Image }));
        Assert.That(collection.GetAttributes("k7")!["price"].AsNumber, Is.EqualTo(1.5));
        Assert.That(collection.GetAttributes("k7")!.ContainsKey("category"), Is.False);
        var top = collection.Search(new MultiModalQuery().SetEmbedding(Image, fresh), k: 1, includeAttributes: true);
        Assert.That(top[0].Key, Is.EqualTo("k7"));
        Assert.That(top[0].Attributes!["price"].AsNumber, Is.EqualTo(1.5));
    }

    [Test]
    public void Delete_Item_DisappearsFromCountKeysAndResults()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 30, seed: 4);

        Assert.That(collection.Delete("k3"), Is.True);
        Assert.That(collection.Delete("k3"), Is.False);

        Assert.That(collection.Count, Is.EqualTo(29));
        Assert.That(collection.Contains("k3"), Is.False);
        Assert.That(collection.GetKeys(), Has.No.Member("k3").And.Count.EqualTo(29));
        var matches = collection.Search(new MultiModalQuery().SetEmbedding(Image, items[3].Image), k: 29);
        Assert.That(matches.Select(m => m.Key), Has.No.Member("k3"));
        Assert.That(matches, Has.Count.EqualTo(29));
    }

    [Test]
    public void Search_RawInput_IsEncodedByTheSchemasEncoder()
    {
        var encoder = new LetterCountEncoder();
        var schema = new CollectionSchema().WithModality(encoder, index: IndexParameters.Exact);
        using var collection = MultiModalCollection.CreateInMemory(schema);
        collection.Upsert("a", new MultiModalItem().Set(Modality.Text, "aaaa"));
        collection.Upsert("b", new MultiModalItem().Set(Modality.Text, "bbbb"));
        var embedded = new float[encoder.Dimension];
        encoder.Encode("bbbx", embedded);

        var byText = collection.Search(new MultiModalQuery().Set(Modality.Text, "bbbx"), k: 2);
        var byEmbedding = collection.Search(new MultiModalQuery().SetEmbedding(Modality.Text, embedded), k: 2);

        Assert.That(byText.Select(m => m.Key), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(byText.Select(m => m.Score), Is.EqualTo(byEmbedding.Select(m => m.Score)));
    }

    [Test]
    public async Task UpsertBatchAsync_ManyItems_WritesAllAndReportsProgress()
    {
        var schema = new CollectionSchema().WithModality(new LetterCountEncoder(), index: IndexParameters.Default);
        using var collection = MultiModalCollection.CreateInMemory(schema, new MultiModalCollectionOptions { EncodeBatchSize = 16 });
        var reports = new List<BulkProgress>();
        var progress = new SynchronousProgress<BulkProgress>(reports.Add);
        var items = Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"t{i}", new MultiModalItem().Set(Modality.Text, $"item number {i}")));

        int written = await collection.UpsertBatchAsync(items.ToList(), progress);

        Assert.That(written, Is.EqualTo(100));
        Assert.That(collection.Count, Is.EqualTo(100));
        Assert.That(reports.Select(r => r.Completed), Is.EqualTo(new[] { 16, 32, 48, 64, 80, 96, 100 }));
        Assert.That(reports.All(r => r.Total == 100), Is.True);
        var found = await collection.SearchAsync(new MultiModalQuery().Set(Modality.Text, "item number 7"), k: 1);
        Assert.That(found[0].Key, Is.EqualTo("t7"));
    }

    [Test]
    public void UpsertBatch_Cancelled_StopsBetweenBatchesKeepingWrittenOnes()
    {
        var schema = new CollectionSchema().WithModality(new LetterCountEncoder(), index: IndexParameters.Exact);
        using var collection = MultiModalCollection.CreateInMemory(schema, new MultiModalCollectionOptions { EncodeBatchSize = 10 });
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<BulkProgress>(p =>
        {
            if (p.Completed >= 20)
            {
                cancel.Cancel();
            }
        });
        var items = Enumerable.Range(0, 50).Select(i => KeyValuePair.Create($"t{i}", new MultiModalItem().Set(Modality.Text, $"x{i}")));

        Assert.Throws<OperationCanceledException>(() => collection.UpsertBatch(items, progress, cancel.Token));
        Assert.That(collection.Count, Is.EqualTo(20));
    }

    [Test]
    public void SearchBatch_MatchesSingleSearches()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema(IndexParameters.Default));
        var items = Fill(collection, 300, seed: 6);
        var queries = items.Take(20).Select(i => new MultiModalQuery().SetEmbedding(Image, i.Image).SetEmbedding(Audio, i.Audio)).ToArray();

        var batch = collection.SearchBatch(queries, k: 5);

        for (int q = 0; q < queries.Length; q++)
        {
            Assert.That(batch[q].Select(m => m.Key), Is.EqualTo(collection.Search(queries[q], k: 5).Select(m => m.Key)));
            Assert.That(batch[q][0].Key, Is.EqualTo(items[q].Key));
        }
    }

    [Test]
    public void Search_PerQueryWeightZero_RemovesThatModalitysInfluence()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 100, seed: 7);
        var query = new MultiModalQuery().SetEmbedding(Image, items[10].Image).SetEmbedding(Audio, items[20].Audio);

        var imageOnly = collection.Search(query.SetWeight(Audio, 0), k: 5, Fuse.Late(Combine.WeightedSum(Normalize.MinMax)));

        Assert.That(imageOnly[0].Key, Is.EqualTo("k10"));
        Assert.That(imageOnly[0].Explanation[1].Weight, Is.EqualTo(0));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
