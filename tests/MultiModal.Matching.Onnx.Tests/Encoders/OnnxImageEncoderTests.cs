using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Onnx.Encoders;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Encoders;

public sealed class OnnxImageEncoderTests
{
    private static readonly float[] s_mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] s_std = [0.26862954f, 0.26130258f, 0.27577711f];
    private string _model = null!;
    private float[] _weights = null!;

    [OneTimeSetUp]
    public void CreateModel() => (_model, _weights) = TinyModels.ImageEncoder();

    [OneTimeTearDown]
    public void DeleteModel() => File.Delete(_model);

    [Test]
    public async Task GenerateAsync_TwoImagesAtModelSize_EqualsHandComputedEmbeddings()
    {
        RasterImage[] images = [RandomImage(1, 4, 4), RandomImage(2, 4, 4)];
        using var encoder = new OnnxImageEncoder(_model, Options());

        var embeddings = await encoder.GenerateAsync(images);

        Assert.That(encoder.Dimension, Is.EqualTo(5));
        for (int i = 0; i < images.Length; i++)
        {
            Assert.That(embeddings[i].Vector.ToArray(), Is.EqualTo(Expected(images[i])).Within(1e-5f));
        }
    }

    [Test]
    public void EncodeBatch_BatchSizeOne_SameAsOneRunPerBatch()
    {
        RasterImage[] images = [RandomImage(3, 4, 4), RandomImage(4, 4, 4), RandomImage(5, 4, 4)];
        OnnxImageEncoderOptions single = Options();
        single.BatchSize = 1;
        using var batched = new OnnxImageEncoder(_model, Options());
        using var oneByOne = new OnnxImageEncoder(_model, single);
        float[] a = new float[15];
        float[] b = new float[15];

        batched.EncodeBatch(images, a);
        oneByOne.EncodeBatch(images, b);

        Assert.That(oneByOne.MaxBatchSize, Is.EqualTo(1));
        Assert.That(b, Is.EqualTo(a).Within(1e-6f));
    }

    [Test]
    public void Encode_UniformImageOfAnySize_ResizesToUniformTensor()
    {
        // A uniform image stays uniform through any resize and crop, so its embedding equals that of the 4×4 one.
        byte[] big = new byte[37 * 23 * 3];
        byte[] small = new byte[4 * 4 * 3];
        for (int i = 0; i < big.Length; i += 3) { big[i] = 200; big[i + 1] = 30; big[i + 2] = 90; }
        for (int i = 0; i < small.Length; i += 3) { small[i] = 200; small[i + 1] = 30; small[i + 2] = 90; }
        using var encoder = new OnnxImageEncoder(_model, Options());
        float[] a = new float[5];
        float[] b = new float[5];

        encoder.Encode(new RasterImage(37, 23, PixelFormat.Rgb8, big), a);
        encoder.Encode(new RasterImage(4, 4, PixelFormat.Rgb8, small), b);

        Assert.That(a, Is.EqualTo(b).Within(1e-5f));
    }

    [Test]
    public void Identity_SameModelBytes_SameIdentity_DifferentWeights_DifferentIdentity()
    {
        string copy = Path.Combine(Path.GetTempPath(), "mmm-copy-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.Copy(_model, copy);
        (string other, _) = TinyModels.ImageEncoder(seed: 99);
        try
        {
            using var a = new OnnxImageEncoder(_model, Options());
            using var b = new OnnxImageEncoder(copy, Options());
            using var c = new OnnxImageEncoder(other, Options());
            OnnxImageEncoderOptions otherMean = Options();
            otherMean.Mean = [0.5f, 0.5f, 0.5f];
            using var d = new OnnxImageEncoder(_model, otherMean);

            Assert.That(b.Identity, Is.EqualTo(a.Identity));
            Assert.That(c.Identity, Is.Not.EqualTo(a.Identity));
            Assert.That(d.Identity, Is.Not.EqualTo(a.Identity));
            Assert.That(a.ModelSha256, Has.Length.EqualTo(64));
            Assert.That(a.Identity.Name, Is.EqualTo("mmm.onnx.image"));
        }
        finally
        {
            File.Delete(copy);
            File.Delete(other);
        }
    }

    [Test]
    public async Task GenerateAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var encoder = new OnnxImageEncoder(_model, Options());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => encoder.GenerateAsync([RandomImage(1, 4, 4)], cancellationToken: cts.Token));
    }

    [Test]
    public void Constructor_MissingModel_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => new OnnxImageEncoder("/nonexistent/model.onnx", Options()).Dispose());
    }

    [Test]
    public void Constructor_UnknownOutputName_ThrowsArgumentExceptionListingOutputs()
    {
        OnnxImageEncoderOptions options = Options();
        options.OutputName = "embeds";
        var e = Assert.Throws<ArgumentException>(() => new OnnxImageEncoder(_model, options).Dispose());
        Assert.That(e!.Message, Does.Contain("image_embeds"));
    }

    [Test]
    public void Constructor_TextModel_ThrowsArgumentException()
    {
        (string text, _) = TinyModels.TextEncoder(8);
        try
        {
            Assert.Throws<ArgumentException>(() => new OnnxImageEncoder(text, Options()).Dispose());
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Test]
    public void Constructor_CudaWithoutProvider_ThrowsExecutionProviderException()
    {
        OnnxImageEncoderOptions options = Options();
        options.Session.ExecutionProvider = OnnxExecutionProvider.Cuda;
        Assert.Throws<OnnxExecutionProviderException>(() => new OnnxImageEncoder(_model, options).Dispose());
    }

    private static OnnxImageEncoderOptions Options() => new() { Session = TestRuntime.Options() };

    private float[] Expected(RasterImage image)
    {
        float[] chw = new float[48];
        ReadOnlySpan<byte> p = image.Pixels;
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < 16; i++)
            {
                chw[(c * 16) + i] = ((p[(i * 3) + c] / 255f) - s_mean[c]) / s_std[c];
            }
        }

        return TinyModels.Normalised(TinyModels.MatVec(chw, _weights, 5));
    }

    private static RasterImage RandomImage(int seed, int width, int height)
    {
        var random = new Random(seed);
        byte[] pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RasterImage(width, height, PixelFormat.Rgb8, pixels);
    }
}
