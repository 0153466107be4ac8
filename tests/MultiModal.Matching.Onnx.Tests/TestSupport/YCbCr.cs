namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>
/// onnxruntime-extensions' PixelsToYCbCr / YCbCrToPixels steps: ITU-T T.871 (JPEG, full range) weights held as
/// float32, applied by a MatMul over BGR pixels, then Round (ties to even) and Clip to 0..255.
/// </summary>
internal static class YCbCr
{
    // Forward weights per output (Y, Cb, Cr) over (B, G, R): the step reverses T.871's RGB columns for BGR input.
    private static readonly float[] s_forward =
    [
        0.114f, 0.587f, 0.299f,
        0.5f, (float)(-0.587 / 1.772), (float)(-0.299 / 1.772),
        (float)(-0.114 / 1.402), (float)(-0.587 / 1.402), 0.5f,
    ];

    // Inverse weights per output (B, G, R) over (Y, Cb - 128, Cr - 128).
    private static readonly float[] s_inverse =
    [
        1f, 1.772f, 0f,
        1f, (float)(-0.114 * 1.772 / 0.587), (float)(-0.299 * 1.402 / 0.587),
        1f, 0f, 1.402f,
    ];

    /// <summary>PixelsToYCbCr for one pixel: each component rounded and clipped, returned as float (as the step's outputs are).</summary>
    public static (float Y, float Cb, float Cr) FromRgb(byte r, byte g, byte b)
    {
        float y = Dot(s_forward, 0, b, g, r);
        float cb = Dot(s_forward, 3, b, g, r) + 128f;
        float cr = Dot(s_forward, 6, b, g, r) + 128f;
        return (Clip(y), Clip(cb), Clip(cr));
    }

    /// <summary>YCbCrToPixels for one pixel of uint8 components.</summary>
    public static (byte R, byte G, byte B) ToRgb(byte y, byte cb, byte cr)
    {
        float b = Dot(s_inverse, 0, y, cb - 128f, cr - 128f);
        float g = Dot(s_inverse, 3, y, cb - 128f, cr - 128f);
        float r = Dot(s_inverse, 6, y, cb - 128f, cr - 128f);
        return ((byte)Clip(r), (byte)Clip(g), (byte)Clip(b));
    }

    /// <summary>FloatToImageBytes: Round (ties to even), Clip to 0..255, Cast.</summary>
    public static byte ToByte(float value) => (byte)Clip(value);

    private static float Clip(float value) => Math.Clamp(MathF.Round(value, MidpointRounding.ToEven), 0f, 255f);

    // The MatMul's dot product in k order with fused multiply-adds, as MLAS's FMA3 / AVX-512 SGEMM kernels accumulate.
    // It matters at rounding midpoints: separate multiplies and adds raise the golden test's total |d| from 6 / 15
    // to 131 / 412 (max 2).
    private static float Dot(float[] w, int row, float a0, float a1, float a2) =>
        MathF.FusedMultiplyAdd(a2, w[row + 2], MathF.FusedMultiplyAdd(a1, w[row + 1], a0 * w[row]));
}
