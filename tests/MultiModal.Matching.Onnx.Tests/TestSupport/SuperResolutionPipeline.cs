using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>
/// onnxruntime-extensions' <c>superresolution</c> pre/post-processing (tools/add_pre_post_processing_to_model.py,
/// steps/vision.py) around the PyTorch super-resolution CNN, step by step in the same arithmetic; only the
/// model itself runs in ONNX Runtime.
/// </summary>
internal static class SuperResolutionPipeline
{
    public const int ModelSize = 224;
    public const int OutputSize = 672;

    /// <summary>
    /// Decoded image → 672 × 672 RGB (3 bytes per pixel). <paramref name="opset"/> is the ONNX opset the
    /// pipeline was built for: from 18 its Resize steps antialias, below they do not.
    /// </summary>
    public static byte[] Run(OnnxSession session, RasterImage image, int opset)
    {
        // DecodeImage: colours as stored, alpha dropped (not composited).
        RasterImage rgb = image.ToRgb8();

        // Resize((224, 224)), policy not_smaller: ratio = max(224 / h, 224 / w) and sizes Round(h·ratio), Round(w·ratio),
        // all in float32; the uint8 HWC image gets a batch axis so ONNX Runtime resizes it as NHWC.
        float ratio = Math.Max((float)ModelSize / rgb.Height, (float)ModelSize / rgb.Width);
        int h2 = (int)MathF.Round(rgb.Height * ratio, MidpointRounding.ToEven);
        int w2 = (int)MathF.Round(rgb.Width * ratio, MidpointRounding.ToEven);
        byte[] resized = opset >= 18
            ? OrtResize.LinearAntialias(rgb.Pixels, rgb.Width, rgb.Height, 3, w2, h2)
            : OrtResize.LinearNoAntialias(rgb.Pixels, rgb.Width, rgb.Height, 3, w2, h2);

        // CenterCrop(224, 224): the start is (size − 224) / 2 in integer division.
        int top = (h2 - ModelSize) / 2, left = (w2 - ModelSize) / 2;
        const int Plane = ModelSize * ModelSize;
        var y = new float[Plane];
        var cb = new float[Plane];
        var cr = new float[Plane];
        for (int row = 0; row < ModelSize; row++)
        {
            for (int col = 0; col < ModelSize; col++)
            {
                int s = (((top + row) * w2) + left + col) * 3;
                int d = (row * ModelSize) + col;
                (y[d], cb[d], cr[d]) = YCbCr.FromRgb(resized[s], resized[s + 1], resized[s + 2]);
            }
        }

        // ImageBytesToFloat multiplies by the float32 constant 1/255; Unsqueeze gives [1, 1, 224, 224].
        var input = new float[Plane];
        const float ToUnit = 1f / 255f;
        for (int i = 0; i < Plane; i++)
        {
            input[i] = y[i] * ToUnit;
        }

        using OnnxRunResult result = session.Run([OnnxTensor.Create<float>("input", input, [1, 1, ModelSize, ModelSize])], []);
        ReadOnlySpan<float> upY = result.GetData<float>(0);

        // Cb and Cr are resized as float [224, 224] planes (the layout "HW") to the model's output size, then
        // FloatToImageBytes rounds and clips them; Y' is scaled by 255 first. YCbCrToPixels joins the three.
        float[] upCb = OrtResize.LinearPlane(cb, ModelSize, ModelSize, OutputSize, OutputSize);
        float[] upCr = OrtResize.LinearPlane(cr, ModelSize, ModelSize, OutputSize, OutputSize);
        var pixels = new byte[OutputSize * OutputSize * 3];
        for (int i = 0; i < OutputSize * OutputSize; i++)
        {
            (pixels[3 * i], pixels[(3 * i) + 1], pixels[(3 * i) + 2]) =
                YCbCr.ToRgb(YCbCr.ToByte(upY[i] * 255f), YCbCr.ToByte(upCb[i]), YCbCr.ToByte(upCr[i]));
        }

        return pixels;
    }
}
