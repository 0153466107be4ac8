using Microsoft.Extensions.AI;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Encoding;

public sealed class EncoderBaseTests
{
    /// <summary>Vector = [length, first char code, 1]; records its batch sizes.</summary>
    private sealed class LengthEncoder(int maxBatch) : EncoderBase<string>(Modality.Text, 3, new EncoderIdentity("test.length", "1", 42))
    {
        public List<int> Batches { get; } = [];

        public override int MaxBatchSize => maxBatch;

        protected override void EncodeCore(string input, Span<float> destination)
        {
            destination[0] = input.Length;
            destination[1] = input.Length == 0 ? 0 : input[0];
            destination[2] = 1;
        }

        protected override void EncodeBatchCore(ReadOnlySpan<string> inputs, Span<float> destination, CancellationToken cancellationToken)
        {
            Batches.Add(inputs.Length);
            base.EncodeBatchCore(inputs, destination, cancellationToken);
        }
    }

    [Test]
    public async Task GenerateAsync_SplitsIntoBatches_KeepsOrder()
    {
        using var encoder = new LengthEncoder(maxBatch: 3);
        string[] inputs = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "g"];
        GeneratedEmbeddings<Embedding<float>> result = await encoder.GenerateAsync(inputs);

        Assert.That(encoder.Batches, Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(result, Has.Count.EqualTo(inputs.Length));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.That(result[i].Vector.ToArray(), Is.EqualTo(new float[] { inputs[i].Length, inputs[i][0], 1 }));
            Assert.That(result[i].ModelId, Is.EqualTo("test.length"));
        }
    }

    [Test]
    public async Task GenerateAsync_Empty_ReturnsEmpty()
    {
        using var encoder = new LengthEncoder(4);
        Assert.That(await encoder.GenerateAsync([]), Is.Empty);
    }

    [Test]
    public void GenerateAsync_Cancelled_Throws()
    {
        using var encoder = new LengthEncoder(4);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(async () => await encoder.GenerateAsync(["a"], cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(encoder.Batches, Is.Empty);
    }

    [Test]
    public void GenerateAsync_WrongRequestedDimension_Throws()
    {
        using var encoder = new LengthEncoder(4);
        Assert.That(async () => await encoder.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 5 }), Throws.ArgumentException);
    }

    [Test]
    public void GenerateAsync_NullItem_ThrowsArgumentNull()
    {
        using var encoder = new LengthEncoder(4);
        Assert.That(async () => await encoder.GenerateAsync(["a", null!]), Throws.ArgumentNullException);
    }

    [Test]
    public void Encode_WrongDestinationLength_Throws()
    {
        using var encoder = new LengthEncoder(4);
        Assert.That(() => encoder.Encode("a", new float[2]), Throws.ArgumentException);
        Assert.That(() => encoder.EncodeBatch(new[] { "a", "b" }, new float[3]), Throws.ArgumentException);
    }

    [Test]
    public void EncodeBatch_WritesRows()
    {
        using var encoder = new LengthEncoder(4);
        var rows = new float[6];
        encoder.EncodeBatch(new[] { "xy", "z" }, rows);
        Assert.That(rows, Is.EqualTo(new float[] { 2, 'x', 1, 1, 'z', 1 }));
    }

    [Test]
    public void GetService_AnswersIdentityMetadataAndSelf()
    {
        using var encoder = new LengthEncoder(4);
        Assert.That(encoder.GetService<EncoderIdentity>(), Is.EqualTo(encoder.Identity));
        EmbeddingGeneratorMetadata? metadata = encoder.GetService<EmbeddingGeneratorMetadata>();
        Assert.That(metadata?.DefaultModelDimensions, Is.EqualTo(3));
        Assert.That(metadata?.DefaultModelId, Is.EqualTo("test.length"));
        Assert.That(encoder.GetService<IEncoder<string>>(), Is.SameAs(encoder));
        Assert.That(encoder.GetService<IEncoder<string>>("key"), Is.Null);
        Assert.That(encoder.GetService<Uri>(), Is.Null);
    }
}
