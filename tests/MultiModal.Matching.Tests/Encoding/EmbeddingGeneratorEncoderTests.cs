using Microsoft.Extensions.AI;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Encoding;

public sealed class EmbeddingGeneratorEncoderTests
{
    private static readonly EncoderIdentity Id = EncoderIdentity.Create("fake", "1", "dim=2");

    /// <summary>A generator returning [i, len] per input, with switches for misbehaviour.</summary>
    private sealed class FakeGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<int> Calls { get; } = [];

        public int Dimension { get; init; } = 2;

        public bool DropOne { get; init; }

        public bool EmitNaN { get; init; }

        public CancellationToken LastToken { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastToken = cancellationToken;
            string[] items = values.ToArray();
            Calls.Add(items.Length);
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (string s in items.Skip(DropOne ? 1 : 0))
            {
                var v = new float[Dimension];
                v[0] = EmitNaN ? float.NaN : s.Length;
                result.Add(new Embedding<float>(v));
            }

            result.Usage = new UsageDetails { InputTokenCount = items.Length };
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Test]
    public async Task GenerateAsync_Batches_SumsUsage_KeepsOrder()
    {
        var inner = new FakeGenerator();
        using var encoder = new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 2, Id, maxBatchSize: 2);
        GeneratedEmbeddings<Embedding<float>> result = await encoder.GenerateAsync(["a", "bb", "ccc", "dddd", "eeeee"]);
        Assert.That(inner.Calls, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(result.Select(e => e.Vector.Span[0]), Is.EqualTo(new float[] { 1, 2, 3, 4, 5 }));
        Assert.That(result.Usage?.InputTokenCount, Is.EqualTo(5));
    }

    [Test]
    public async Task GenerateAsync_PassesToken()
    {
        var inner = new FakeGenerator();
        using var cts = new CancellationTokenSource();
        using var encoder = new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 2, Id);
        await encoder.GenerateAsync(["a"], cancellationToken: cts.Token);
        Assert.That(inner.LastToken, Is.EqualTo(cts.Token));
    }

    [Test]
    public void GenerateAsync_Cancelled_ThrowsBeforeCallingInner()
    {
        var inner = new FakeGenerator();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        using var encoder = new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 2, Id, maxBatchSize: 1);
        Assert.That(async () => await encoder.GenerateAsync(["a", "b"], cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(inner.Calls, Is.Empty);
    }

    [Test]
    public void GenerateAsync_WrongDimension_Throws()
    {
        using var encoder = new EmbeddingGeneratorEncoder<string>(new FakeGenerator { Dimension = 3 }, Modality.Text, 2, Id);
        Assert.That(async () => await encoder.GenerateAsync(["a"]), Throws.InvalidOperationException.With.Message.Contains("dimension 3"));
    }

    [Test]
    public void GenerateAsync_MissingEmbedding_Throws()
    {
        using var encoder = new EmbeddingGeneratorEncoder<string>(new FakeGenerator { DropOne = true }, Modality.Text, 2, Id);
        Assert.That(async () => await encoder.GenerateAsync(["a", "b"]), Throws.InvalidOperationException);
    }

    [Test]
    public void GenerateAsync_NaN_Throws()
    {
        using var encoder = new EmbeddingGeneratorEncoder<string>(new FakeGenerator { EmitNaN = true }, Modality.Text, 2, Id);
        Assert.That(async () => await encoder.GenerateAsync(["a"]), Throws.InvalidOperationException);
    }

    [Test]
    public void Constructor_InvalidArguments_Throw()
    {
        var inner = new FakeGenerator();
        Assert.That(() => new EmbeddingGeneratorEncoder<string>(null!, Modality.Text, 2, Id), Throws.ArgumentNullException);
        Assert.That(() => new EmbeddingGeneratorEncoder<string>(inner, default, 2, Id), Throws.ArgumentException);
        Assert.That(() => new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 0, Id), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 2, default), Throws.ArgumentException);
        Assert.That(() => new EmbeddingGeneratorEncoder<string>(inner, Modality.Text, 2, Id, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void AsEncoder_WrapsGenerator_AndReturnsMatchingEncoderItself()
    {
        IEncoder<string> wrapped = new FakeGenerator().AsEncoder(Modality.Text, 2, Id);
        Assert.That(wrapped, Is.InstanceOf<EmbeddingGeneratorEncoder<string>>());
        Assert.That(wrapped.AsEncoder(Modality.Text, 2, Id), Is.SameAs(wrapped));
        Assert.That(wrapped.AsEncoder(Modality.Text, 2, EncoderIdentity.Create("other", "1", "")), Is.Not.SameAs(wrapped));
        Assert.That(wrapped.GetService<EncoderIdentity>(), Is.EqualTo(Id));
    }
}
