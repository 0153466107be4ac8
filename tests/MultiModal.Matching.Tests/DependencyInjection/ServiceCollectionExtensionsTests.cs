using Microsoft.Extensions.DependencyInjection;
using MultiModal.Matching.Tests.Collection;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests.DependencyInjection;

public sealed class ServiceCollectionExtensionsTests
{
    [Test]
    public void AddMultiModalMatching_InMemory_ResolvesOneSharedCollection()
    {
        var services = new ServiceCollection();
        services.AddMultiModalMatching(options => options.Schema = EmbeddingSchema());
        using ServiceProvider provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<MultiModalCollection>();
        first.Upsert("a", new MultiModalItem().SetEmbedding(Image, RandomVector(new Random(1))));

        Assert.That(provider.GetRequiredService<MultiModalCollection>(), Is.SameAs(first));
        Assert.That(first.Directory, Is.Null);
        Assert.That(first.Count, Is.EqualTo(1));
    }

    [Test]
    public void AddMultiModalMatching_Directory_CreatesThenReopensAndDisposesWithTheContainer()
    {
        string directory = NewDirectory();
        try
        {
            for (int run = 0; run < 2; run++)
            {
                var services = new ServiceCollection();
                services.AddMultiModalMatching((_, options) =>
                {
                    options.Schema = EmbeddingSchema();
                    options.Directory = directory;
                });
                using ServiceProvider provider = services.BuildServiceProvider();
                var collection = provider.GetRequiredService<MultiModalCollection>();
                collection.Upsert($"run{run}", new MultiModalItem().SetEmbedding(Image, RandomVector(new Random(run))));
                Assert.That(collection.Count, Is.EqualTo(run + 1));
            }
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void AddMultiModalMatching_WithoutSchema_ThrowsWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddMultiModalMatching(_ => { });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<MultiModalCollection>());
    }
}
