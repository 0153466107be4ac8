using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Storage;
using MultiModal.Matching.Tests.Collection;
using static MultiModal.Matching.Tests.Collection.CollectionTestData;

namespace MultiModal.Matching.Tests;

public sealed partial class MultiModalCollectionTests
{
    private readonly List<string> _directories = [];

    [TearDown]
    public void DeleteDirectories()
    {
        foreach (string directory in _directories)
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }

        _directories.Clear();
    }

    [Test]
    public void Open_AfterCommit_ReturnsTheSameResultsAsBeforeClosing()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema(IndexParameters.Default).WithJointSpace((Image, 2.0), (Audio, 1.0));
        var queries = Enumerable.Range(0, 10).Select(i => new MultiModalQuery().SetEmbedding(Image, RandomVector(new Random(i))).SetEmbedding(Audio, RandomVector(new Random(i + 50)))).ToArray();
        string[][] before;
        using (var collection = MultiModalCollection.Create(directory, schema))
        {
            Fill(collection, 300, seed: 20);
            collection.Delete("k5");
            collection.Commit();
            before = [.. queries.Select(q => collection.Search(q, k: 10, Fuse.Early()).Select(m => m.Key).ToArray())];
        }

        using var reopened = MultiModalCollection.Open(directory, schema);

        Assert.That(reopened.Count, Is.EqualTo(299));
        Assert.That(reopened.Contains("k5"), Is.False);
        Assert.That(reopened.GetAttributes("k9")!["category"].AsString, Is.EqualTo("lamp"));
        for (int q = 0; q < queries.Length; q++)
        {
            Assert.That(reopened.Search(queries[q], k: 10, Fuse.Early()).Select(m => m.Key), Is.EqualTo(before[q]));
        }
    }

    [Test]
    public void Open_WithoutCommit_ReplaysEveryAcknowledgedWrite()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema();
        using (var collection = MultiModalCollection.Create(directory, schema))
        {
            Fill(collection, 40, seed: 21);
            collection.Upsert("k1", new MultiModalItem().SetEmbedding(Audio, RandomVector(new Random(3))).SetAttribute("price", 7.0));
            collection.Delete("k2");
        }

        using var reopened = MultiModalCollection.Open(directory, schema);

        Assert.That(reopened.Count, Is.EqualTo(39));
        Assert.That(reopened.GetModalities("k1"), Is.EqualTo(new[] { Audio }));
        Assert.That(reopened.GetAttributes("k1")!["price"].AsNumber, Is.EqualTo(7.0));
        Assert.That(reopened.Contains("k2"), Is.False);
        reopened.Upsert("new", new MultiModalItem().SetEmbedding(Image, RandomVector(new Random(4))));
        Assert.That(reopened.Count, Is.EqualTo(40));
    }

    [Test]
    public void Open_ReadOnly_SeesTheLastCommitAndRefusesWrites()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema();
        using var writer = MultiModalCollection.Create(directory, schema);
        Fill(writer, 25, seed: 22);
        writer.Commit();

        using var reader = MultiModalCollection.Open(directory, schema, readOnly: true);

        Assert.That(reader.IsReadOnly, Is.True);
        Assert.That(reader.Count, Is.EqualTo(25));
        Assert.Throws<InvalidOperationException>(() => reader.Upsert("x", new MultiModalItem().SetEmbedding(Image, new float[Dimension])));
        Assert.Throws<InvalidOperationException>(() => reader.Delete("k1"));
    }

    [Test]
    public void Create_SecondWriterOnTheSameDirectory_IsRefused()
    {
        string directory = TestDirectory();
        using var first = MultiModalCollection.Create(directory, EmbeddingSchema());

        Assert.Throws<IOException>(() => MultiModalCollection.Create(directory, EmbeddingSchema()));
        Assert.Throws<CollectionLockedException>(() => MultiModalCollection.Open(directory, EmbeddingSchema()));
    }

    [Test]
    public void Open_WithADifferentSchema_ThrowsNamingBoth()
    {
        string directory = TestDirectory();
        using (MultiModalCollection.Create(directory, EmbeddingSchema()))
        {
        }

        var other = new CollectionSchema().WithModality(Image, Dimension).WithModality(Audio, Dimension * 2);
        var e = Assert.Throws<ArgumentException>(() => MultiModalCollection.Open(directory, other));
        Assert.That(e!.Message, Does.Contain("audio:8").And.Contain("audio:16"));
    }

    [Test]
    public void Open_WithADifferentEncoder_IsRefusedUntilReindexed()
    {
        string directory = TestDirectory();
        var v1 = new CollectionSchema().WithModality(new LetterCountEncoder(version: "1"), index: IndexParameters.Exact).WithAttribute("n", AttributeType.Integer);
        var v2 = new CollectionSchema().WithModality(new LetterCountEncoder(version: "2"), index: IndexParameters.Exact).WithAttribute("n", AttributeType.Integer);
        string[] texts = ["alpha", "bravo", "charlie", "delta"];
        using (var collection = MultiModalCollection.Create(directory, v1))
        {
            for (int i = 0; i < texts.Length; i++)
            {
                collection.Upsert(texts[i], new MultiModalItem().Set(Modality.Text, texts[i]).SetAttribute("n", i));
            }
        }

        var refused = Assert.Throws<EncoderMismatchException>(() => MultiModalCollection.Open(directory, v2));
        Assert.That(refused!.Message, Does.Contain("test.letters@1#").And.Contain("test.letters@2#").And.Contain("ReindexModality"));

        var options = new MultiModalCollectionOptions { OnEncoderMismatch = EncoderMismatchHandling.AllowReindex };
        using (var pending = MultiModalCollection.Open(directory, v2, options))
        {
            Assert.Throws<InvalidOperationException>(() => pending.Search(new MultiModalQuery().Set(Modality.Text, "alpha")));
            int reindexed = pending.ReindexModality(new LetterCountEncoder(version: "2"), texts.Select(t => KeyValuePair.Create(t, t)));
            Assert.That(reindexed, Is.EqualTo(4));
            Assert.That(pending.Search(new MultiModalQuery().Set(Modality.Text, "charlie"), k: 1)[0].Key, Is.EqualTo("charlie"));
        }

        using var reopened = MultiModalCollection.Open(directory, v2);
        Assert.That(reopened.Count, Is.EqualTo(4));
        Assert.That(reopened.Search(new MultiModalQuery().Set(Modality.Text, "delta"), k: 1, includeAttributes: true)[0].Attributes!["n"].AsInteger, Is.EqualTo(3));
        Assert.Throws<EncoderMismatchException>(() => MultiModalCollection.Open(directory, v1, readOnly: true));
    }

    [Test]
    public void FitCalibration_IsKeptAcrossReopenAndEnablesCalibratedFusion()
    {
        string directory = TestDirectory();
        var schema = EmbeddingSchema();
        var calibrated = Fuse.Late(Combine.WeightedSum(Normalize.Calibrated));
        var query = new MultiModalQuery().SetEmbedding(Image, RandomVector(new Random(30))).SetEmbedding(Audio, RandomVector(new Random(31)));
        string[] before;
        using (var collection = MultiModalCollection.Create(directory, schema))
        {
            Fill(collection, 120, seed: 23);
            Assert.Throws<InvalidOperationException>(() => collection.Search(query, fusion: calibrated));
            collection.FitCalibration(probes: 64);
            before = [.. collection.Search(query, k: 5, calibrated).Select(m => m.Key)];
        }

        using var reopened = MultiModalCollection.Open(directory, schema);

        Assert.That(reopened.Calibration, Is.Not.Null);
        Assert.That(reopened.Search(query, k: 5, calibrated).Select(m => m.Key), Is.EqualTo(before));
    }

    private string TestDirectory()
    {
        string directory = NewDirectory();
        _directories.Add(directory);
        return directory;
    }
}
