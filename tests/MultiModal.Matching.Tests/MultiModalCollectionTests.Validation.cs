using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Tests.Collection;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    private static readonly Func<MultiModalItem>[] s_badItems =
    [
        () => new MultiModalItem(),
        () => new MultiModalItem().SetEmbedding(Image, new float[Dimension + 1]),
        () => new MultiModalItem().SetEmbedding(Image, [float.NaN, 0, 0, 0, 0, 0, 0, 0]),
        () => new MultiModalItem().SetEmbedding(Image, [0, 0, 0, float.PositiveInfinity, 0, 0, 0, 0]),
        () => new MultiModalItem().SetEmbedding(Modality.Text, new float[Dimension]),
        () => new MultiModalItem().Set(Image, "an image has no encoder here"),
        () => new MultiModalItem().SetEmbedding(Image, new float[Dimension]).SetAttribute("price", "cheap"),
        () => new MultiModalItem().SetEmbedding(Image, new float[Dimension]).SetAttribute("colour", "red"),
        () => new MultiModalItem().SetEmbedding(Image, new float[Dimension]).SetAttribute("year", 2.5),
    ];

    [Test]
    public void Upsert_InvalidItem_ThrowsArgumentExceptionAndChangesNothing([Range(0, 8)] int which)
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var items = Fill(collection, 10, seed: 8);
        var before = collection.Search(new MultiModalQuery().SetEmbedding(Image, items[0].Image), k: 10).Select(m => m.Key).ToArray();

        Assert.Throws<ArgumentException>(() => collection.Upsert("k0", s_badItems[which]()));

        Assert.That(collection.Count, Is.EqualTo(10));
        Assert.That(collection.GetModalities("k0"), Is.EqualTo(new[] { Image, Audio }));
        Assert.That(collection.Search(new MultiModalQuery().SetEmbedding(Image, items[0].Image), k: 10).Select(m => m.Key), Is.EqualTo(before));
    }

    [Test]
    public void Upsert_RawInputOfTheWrongType_ThrowsNamingTheEncodersInputType()
    {
        var schema = new CollectionSchema().WithModality(new LetterCountEncoder());
        using var collection = MultiModalCollection.CreateInMemory(schema);

        var e = Assert.Throws<ArgumentException>(() => collection.Upsert("x", new MultiModalItem().Set(Modality.Text, 42)));

        Assert.That(e!.Message, Does.Contain("String").And.Contain("Int32"));
    }

    [Test]
    public void Search_InvalidArguments_Throw()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        Fill(collection, 5, seed: 9);
        var ok = new MultiModalQuery().SetEmbedding(Image, new float[Dimension]);

        Assert.Throws<ArgumentOutOfRangeException>(() => collection.Search(ok, k: 0));
        Assert.Throws<ArgumentNullException>(() => collection.Search(null!));
        Assert.Throws<ArgumentException>(() => collection.Search(new MultiModalQuery()));
        Assert.Throws<ArgumentException>(() => collection.Search(new MultiModalQuery().SetEmbedding(Image, new float[3])));
        Assert.Throws<ArgumentException>(() => collection.Search(ok, filter: AttributeFilter.Equal("colour", "red")));
        Assert.Throws<ArgumentException>(() => collection.Search(ok, filter: AttributeFilter.Between("category", 1, 2)));
        Assert.Throws<ArgumentException>(() => collection.Search(ok, filter: AttributeFilter.Equal("price", "cheap")));
        Assert.Throws<InvalidOperationException>(() => collection.Search(ok, fusion: Fuse.Early()));
    }

    [Test]
    public void Upsert_InvalidKey_Throws()
    {
        using var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        var item = new MultiModalItem().SetEmbedding(Image, new float[Dimension]);

        Assert.Throws<ArgumentNullException>(() => collection.Upsert(null!, item));
        Assert.Throws<ArgumentException>(() => collection.Upsert(string.Empty, item));
        Assert.Throws<ArgumentException>(() => collection.Upsert(new string('k', 1025), item));
        Assert.That(collection.Count, Is.Zero);
    }

    [Test]
    public void Members_AfterDispose_ThrowObjectDisposedException()
    {
        var collection = MultiModalCollection.CreateInMemory(EmbeddingSchema());
        collection.Dispose();
        collection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = collection.Count);
        Assert.Throws<ObjectDisposedException>(() => collection.Upsert("k", new MultiModalItem().SetEmbedding(Image, new float[Dimension])));
        Assert.Throws<ObjectDisposedException>(() => collection.Search(new MultiModalQuery().SetEmbedding(Image, new float[Dimension])));
    }

    [Test]
    public void CreateInMemory_SchemaWithoutModalities_Throws()
    {
        Assert.Throws<ArgumentException>(() => MultiModalCollection.CreateInMemory(new CollectionSchema()));
    }
}
