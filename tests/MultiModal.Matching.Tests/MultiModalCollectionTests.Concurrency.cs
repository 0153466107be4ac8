using MultiModal.Matching.Attributes;
using MultiModal.Matching.Fusion;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    [Test]
    public void Search_ConcurrentWithOneWriter_AlwaysSeesWholeItems()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema(IndexParameters.Hnsw(m: 8, efConstruction: 40, efSearch: 32)));
        Fill(collection, 200, seed: 40);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        int searches = 0;

        // The writer keeps replacing items; every version carries both modalities and a "year" that names its round.
        var writer = Task.Run(() =>
        {
            var random = new Random(41);
            for (int round = 0; !stop.IsCancellationRequested; round++)
            {
                int i = random.Next(200);
                collection.Upsert($"k{i}", new MultiModalItem()
                    .SetEmbedding(Image, RandomVector(random))
                    .SetEmbedding(Audio, RandomVector(random))
                    .SetAttribute("category", "lamp")
                    .SetAttribute("year", round));
                if (round % 7 == 0)
                {
                    collection.Delete($"k{random.Next(200)}");
                    collection.Upsert($"k{random.Next(200)}", new MultiModalItem().SetEmbedding(Image, RandomVector(random)).SetEmbedding(Audio, RandomVector(random)).SetAttribute("year", round));
                }
            }
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(50 + r);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var query = new MultiModalQuery().SetEmbedding(Image, RandomVector(random)).SetEmbedding(Audio, RandomVector(random));
                    var matches = collection.Search(query, k: 10, Fuse.Late(), AttributeFilter.Exists("year"), includeAttributes: true);
                    if (matches.Count != 10 || matches.Select(m => m.Key).Distinct().Count() != 10 || matches.Any(m => !m.Attributes!.ContainsKey("year")))
                    {
                        errors.Enqueue(new InvalidOperationException($"A search saw a torn state: {string.Join(", ", matches.Select(m => m.Key))}"));
                    }

                    Interlocked.Increment(ref searches);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        })).ToArray();

        Task.WaitAll([writer, .. readers]);

        Assert.That(errors, Is.Empty, () => errors.First().ToString());
        Assert.That(searches, Is.GreaterThan(10));
    }
}
