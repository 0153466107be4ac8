using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;
using MultiModal.Matching.Onnx.Preprocessing;
using MultiModal.Matching.Onnx.Runtime;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Runtime;

/// <summary>The two image CNNs from shared/data run end to end: decode → preprocess → session → output.</summary>
public sealed class RealModelTests
{
    private const string SuperResolutionFolder = "onnx_models/super_resolution_pytorch/";

    [Test]
    public void Run_FastestDetOnWolves_Gives484CellsOf85Values()
    {
        RasterImage image = ImageDecoder.DecodeFile(TestData.Path("onnx_models/fastestdet/wolves.jpg"));
        float[] input = new float[3 * 352 * 352];
        ImagePreprocessing.ToTensor(image, 352, 352, 3, ResizeFilter.Bilinear, [0f, 0f, 0f], [1f, 1f, 1f], input);
        using OnnxSession session = OnnxSession.Open(TestData.Path("onnx_models/fastestdet/FastestDet.onnx"), TestRuntime.Options());

        using OnnxRunResult result = session.Run([OnnxTensor.Create<float>("input", input, [1, 3, 352, 352])], []);

        Assert.That(result.GetShape(0), Is.EqualTo(new long[] { 1, 484, 85 }));
        ReadOnlySpan<float> cells = result.GetData<float>(0);
        Assert.That(cells.ToArray().All(float.IsFinite), Is.True);

        // The grid responds to the picture: cells differ, and a black image gives a different grid.
        Assert.That(System.Numerics.Tensors.TensorPrimitives.Max(cells) - System.Numerics.Tensors.TensorPrimitives.Min(cells), Is.GreaterThan(0.1f));
        float[] black = new float[input.Length];
        using OnnxRunResult blank = session.Run([OnnxTensor.Create<float>("input", black, [1, 3, 352, 352])], []);
        Assert.That(blank.GetData<float>(0).SequenceEqual(cells), Is.False);
    }

    /// <remarks>
    /// The expected PNGs are the whole pipeline's output in onnxruntime-extensions' test (decode, resize to 224,
    /// centre crop, RGB → YCbCr, the model on Y, Cb and Cr resized to 672, YCbCr → RGB), written in February 2023:
    /// <c>.expected.png</c> with ONNX Runtime 1.13 and the pipeline built for opset 16 (Resize without
    /// antialiasing), <c>.expected.opset18.png</c> with 1.14 and opset 18 (antialiased Resize). Each is reproduced
    /// with its own Resize semantics (measured: max |Δ| 1 level in both, total |Δ| 6 and 15 over 1,354,752 samples).
    /// The bar is the MANIFEST's — at most 0.1 % of pixels with a channel off by more than 2 — and the upstream
    /// test's own: max |Δ| below 3 and total |Δ| below one thousandth of the sample count.
    /// </remarks>
    [TestCase(16, "test_superresolution.expected.png")]
    [TestCase(18, "test_superresolution.expected.opset18.png")]
    public void Run_SuperResolutionPipeline_ReproducesExpectedRgbPng(int opset, string expectedFile)
    {
        using OnnxSession session = OnnxSession.Open(TestData.Path(SuperResolutionFolder + "pytorch_super_resolution.onnx"), TestRuntime.Options());
        RasterImage image = ImageDecoder.DecodeFile(TestData.Path(SuperResolutionFolder + "test_superresolution.png"));
        RasterImage expected = ImageDecoder.DecodeFile(TestData.Path(SuperResolutionFolder + expectedFile)).ToRgb8();

        byte[] actual = SuperResolutionPipeline.Run(session, image, opset);

        Assert.That((expected.Width, expected.Height), Is.EqualTo((SuperResolutionPipeline.OutputSize, SuperResolutionPipeline.OutputSize)));
        PixelDifference d = PixelDifference.Measure(actual, expected.Pixels);
        string report = $"opset {opset} vs {expectedFile}: {d}";
        TestContext.Out.WriteLine(report);
        Assert.That(d.ShareOfPixelsOver2, Is.LessThanOrEqualTo(0.001), report);
        Assert.That(d.Max, Is.LessThan(3), report);
        Assert.That(d.Total, Is.LessThan(actual.Length / 1000.0), report);
    }

    /// <remarks>
    /// Each reference pins down its Resize: the pipeline with the other opset's Resize misses it by far (measured:
    /// mean |Δ| 3.8 levels, max 91, 52 % of pixels beyond 2 either way), because antialiasing changes the 224 × 224
    /// input itself. So the comparison above would fail if the downscale's semantics broke.
    /// </remarks>
    [TestCase(16, "test_superresolution.expected.opset18.png")]
    [TestCase(18, "test_superresolution.expected.png")]
    public void Run_SuperResolutionPipelineWithOtherOpsetsResize_MissesExpectedRgbPng(int opset, string expectedFile)
    {
        using OnnxSession session = OnnxSession.Open(TestData.Path(SuperResolutionFolder + "pytorch_super_resolution.onnx"), TestRuntime.Options());
        RasterImage image = ImageDecoder.DecodeFile(TestData.Path(SuperResolutionFolder + "test_superresolution.png"));
        RasterImage expected = ImageDecoder.DecodeFile(TestData.Path(SuperResolutionFolder + expectedFile)).ToRgb8();

        byte[] actual = SuperResolutionPipeline.Run(session, image, opset);

        PixelDifference d = PixelDifference.Measure(actual, expected.Pixels);
        TestContext.Out.WriteLine($"opset {opset} vs {expectedFile}: {d}");
        Assert.That(d.ShareOfPixelsOver2, Is.GreaterThan(0.25), d.ToString());
        Assert.That(d.Mean, Is.GreaterThan(2.0), d.ToString());
    }

    /// <summary>Per-sample differences of two interleaved RGB images of equal size.</summary>
    private readonly record struct PixelDifference(int Max, long Total, double Mean, double ShareOfPixelsOver2)
    {
        public static PixelDifference Measure(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
        {
            Assert.That(actual.Length, Is.EqualTo(expected.Length));
            int max = 0, pixelsOver2 = 0;
            long total = 0;
            for (int p = 0; p < actual.Length; p += 3)
            {
                bool over2 = false;
                for (int c = p; c < p + 3; c++)
                {
                    int diff = Math.Abs(actual[c] - expected[c]);
                    max = Math.Max(max, diff);
                    total += diff;
                    over2 |= diff > 2;
                }

                pixelsOver2 += over2 ? 1 : 0;
            }

            return new PixelDifference(max, total, (double)total / actual.Length, pixelsOver2 / (actual.Length / 3.0));
        }

        public override string ToString() =>
            $"max |d| {Max}, mean |d| {Mean:F4}, total |d| {Total}, pixels with a channel off by more than 2: {ShareOfPixelsOver2:P3}";
    }
}
