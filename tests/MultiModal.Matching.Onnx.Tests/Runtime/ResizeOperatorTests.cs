using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Onnx.Runtime;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Runtime;

/// <summary>
/// ONNX Runtime's own Resize operator, run through the binding on a real image, against the C# reproduction the
/// super-resolution golden test relies on (<see cref="OrtResize"/>): uint8 NHWC in, uint8 out, bit for bit.
/// </summary>
public sealed class ResizeOperatorTests
{
    [TestCase(16)]
    [TestCase(18)]
    public void Run_LinearResizeOfRealImage_EqualsOrtResizeBitForBit(int opset)
    {
        RasterImage rgb = ImageDecoder.DecodeFile(TestData.Path("onnx_models/super_resolution_pytorch/test_superresolution.png")).ToRgb8();
        (int width, int height) = (232, 224);
        var builder = new OnnxModelBuilder()
            .Input("X", OnnxModelBuilder.UInt8, 1L, (long)rgb.Height, (long)rgb.Width, 3L)
            .Input("sizes", OnnxModelBuilder.Int64, 4L)
            .Output("Y", OnnxModelBuilder.UInt8, "n", "h", "w", "c");
        builder = opset >= 18
            ? builder.Node("Resize", ["X", "", "", "sizes"], ["Y"], ("mode", "linear"), ("antialias", 1L))
            : builder.Node("Resize", ["X", "", "", "sizes"], ["Y"], ("mode", "linear"));
        using OnnxSession session = OnnxSession.Open(builder.Build(opset), TestRuntime.Options());

        using OnnxRunResult result = session.Run(
            [OnnxTensor.Create<byte>("X", rgb.Pixels.ToArray(), [1, rgb.Height, rgb.Width, 3]), OnnxTensor.Create<long>("sizes", new long[] { 1, height, width, 3 }, [4])], []);

        byte[] expected = opset >= 18
            ? OrtResize.LinearAntialias(rgb.Pixels, rgb.Width, rgb.Height, 3, width, height)
            : OrtResize.LinearNoAntialias(rgb.Pixels, rgb.Width, rgb.Height, 3, width, height);
        Assert.That(result.GetShape(0), Is.EqualTo(new long[] { 1, height, width, 3 }));
        byte[] actual = result.GetData<byte>(0).ToArray();
        int differing = actual.Zip(expected).Count(pair => pair.First != pair.Second);
        Assert.That(differing, Is.Zero, $"{differing} of {actual.Length} samples differ");
    }

    [Test]
    public void Run_LinearUpscaleOfFloatPlane_EqualsOrtResizePlane()
    {
        const int In = 224, Out = 672;
        var random = new Random(8);
        float[] plane = new float[In * In];
        for (int i = 0; i < plane.Length; i++)
        {
            plane[i] = random.Next(256);
        }

        byte[] model = new OnnxModelBuilder()
            .Input("X", OnnxModelBuilder.Float, (long)In, (long)In)
            .Input("sizes", OnnxModelBuilder.Int64, 2L)
            .Output("Y", OnnxModelBuilder.Float, "h", "w")
            .Node("Resize", ["X", "", "", "sizes"], ["Y"], ("mode", "linear"), ("antialias", 1L))
            .Build(18);
        using OnnxSession session = OnnxSession.Open(model, TestRuntime.Options());

        using OnnxRunResult result = session.Run([OnnxTensor.Create<float>("X", plane, [In, In]), OnnxTensor.Create<long>("sizes", new long[] { Out, Out }, [2])], []);

        float[] expected = OrtResize.LinearPlane(plane, In, In, Out, Out);
        ReadOnlySpan<float> actual = result.GetData<float>(0);
        Assert.That(actual.Length, Is.EqualTo(expected.Length));
        float maxDifference = 0f;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDifference = Math.Max(maxDifference, Math.Abs(actual[i] - expected[i]));
        }

        // Float rounding only: far below the 1/18 a value can come to a rounding midpoint (sums of ninths of integers).
        Assert.That(maxDifference, Is.LessThan(1e-3f));
    }
}
