using MultiModal.Matching.Attributes;
using MultiModal.Matching.Fusion;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    [Test]
    public void Search_WithFilter_EqualsTheExactTopKAmongMatchingItems()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 150, seed: 10);
        float[] query = RandomVector(new Random(11));
        var filter = AttributeFilter.Equal("category", "lamp") & AttributeFilter.Between("price", 20, 80);

        var matches = collection.Search(new MultiModalQuery().SetEmbedding(Image, query), k: 7, filter: filter, includeAttributes: true);

        string[] expected = [.. items
            .Where(i => i.Category == "lamp" && i.Price >= 20 && i.Price <= 80)
            .OrderByDescending(i => Cosine(i.Image, query))
            .Take(7)
            .Select(i => i.Key)];
        Assert.That(matches.Select(m => m.Key), Is.EqualTo(expected));
        Assert.That(matches.All(m => m.Attributes!["category"].AsString == "lamp"), Is.True);
    }

    [Test]
    public void Search_RestrictiveFilterOnHnsw_ReturnsKMatchingResultsWheneverKMatch()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema(IndexParameters.Hnsw(m: 8, efConstruction: 64, efSearch: 16)));
        var items = Fill(collection, 1000, seed: 12);
        var filter = AttributeFilter.AtMost("price", 3.0);
        int matching = items.Count(i => i.Price <= 3.0);
        Assume.That(matching, Is.GreaterThanOrEqualTo(10));

        var matches = collection.Search(new MultiModalQuery().SetEmbedding(Image, RandomVector(new Random(13))), k: 10, Fuse.Late(), filter, includeAttributes: true);

        Assert.That(matches, Has.Count.EqualTo(10));
        Assert.That(matches.All(m => m.Attributes!["price"].AsNumber <= 3.0), Is.True);
    }

    [Test]
    public void Search_FilterCombinators_SelectExactlyTheMatchingSet()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 60, seed: 14);
        var query = new MultiModalQuery().SetEmbedding(Image, RandomVector(new Random(15)));
        (AttributeFilter Filter, Func<int, bool> Oracle)[] cases =
        [
            (AttributeFilter.In("category", "lamp", "vase"), i => i % 3 != 1),
            (!AttributeFilter.Equal("stock", true), i => i % 2 == 1),
            (AttributeFilter.Equal("year", 2003) | AttributeFilter.Equal("year", 2004), i => i % 25 is 3 or 4),
            (AttributeFilter.GreaterThan("year", 2020) & !AttributeFilter.Equal("category", "chair"), i => i % 25 > 20 && i % 3 != 1),
            (AttributeFilter.Exists("price") & AttributeFilter.LessThan("year", 2001), i => i % 25 == 0),
            (AttributeFilter.Equal("category", "sofa"), _ => false),
        ];

        foreach (var (filter, oracle) in cases)
        {
            var matches = collection.Search(query, k: 60, filter: filter);
            string[] expected = [.. Enumerable.Range(0, items.Length).Where(oracle).Select(i => $"k{i}").Order()];
            Assert.That(matches.Select(m => m.Key).Order(), Is.EqualTo(expected), filter.ToString());
        }
    }
}
