namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>
/// ONNX Runtime's CPU <c>Resize</c> in mode "linear" with the default coordinate_transformation_mode
/// "half_pixel" and exclude_outside = 0, reproduced in its own arithmetic (float32 coordinates evaluated in
/// ONNX Runtime's order, its fixed-point formats for uint8) for golden tests of pipelines that
/// onnxruntime-extensions builds out of ONNX operators. ResizeOperatorTests checks it against ONNX Runtime.
/// </summary>
internal static class OrtResize
{
    /// <summary>
    /// <c>Resize</c> with <c>antialias = 1</c> (opset 18+) on uint8 interleaved (HWC) samples, as ONNX Runtime's
    /// <c>NhwcUpsampleBilinearAA</c>: Pillow's scheme. The triangle kernel is stretched by the scale factor when
    /// shrinking; a tap range is ⌊centre ± support + 0.5⌋ and the weight of taps beyond the border is added to
    /// the edge tap; weights are normalised and quantised to 22-bit fixed point; a horizontal pass writes a
    /// uint8 buffer (rounded, clamped), then a vertical pass reads it.
    /// </summary>
    public static byte[] LinearAntialias(ReadOnlySpan<byte> src, int inWidth, int inHeight, int channels, int outWidth, int outHeight)
    {
        AntialiasTaps wx = AntialiasTaps.Create(inWidth, outWidth);
        AntialiasTaps wy = AntialiasTaps.Create(inHeight, outHeight);
        var temp = new byte[inHeight * outWidth * channels];
        for (int y = 0; y < inHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int acc = 1 << 21;
                    for (int i = wx.Lo[x], k = x * wx.Window; i < wx.Hi[x]; i++, k++)
                    {
                        acc += src[(((y * inWidth) + i) * channels) + c] * wx.Weights[k];
                    }

                    temp[(((y * outWidth) + x) * channels) + c] = (byte)Math.Clamp(acc >> 22, 0, 255);
                }
            }
        }

        var dst = new byte[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int acc = 1 << 21;
                    for (int i = wy.Lo[y], k = y * wy.Window; i < wy.Hi[y]; i++, k++)
                    {
                        acc += temp[(((i * outWidth) + x) * channels) + c] * wy.Weights[k];
                    }

                    dst[(((y * outWidth) + x) * channels) + c] = (byte)Math.Clamp(acc >> 22, 0, 255);
                }
            }
        }

        return dst;
    }

    /// <summary>
    /// <c>Resize</c> without antialiasing (opsets 11–17, or antialias = 0) on uint8 interleaved samples, as ONNX
    /// Runtime's <c>NhwcUpsampleBilinearInteger</c>: two taps at the half-pixel source coordinate clamped to the
    /// image, fractions in 10-bit fixed point, the four 20-bit products summed and truncated (not rounded).
    /// </summary>
    public static byte[] LinearNoAntialias(ReadOnlySpan<byte> src, int inWidth, int inHeight, int channels, int outWidth, int outHeight)
    {
        TwoTaps tx = TwoTaps.Create(inWidth, outWidth);
        TwoTaps ty = TwoTaps.Create(inHeight, outHeight);
        var dst = new byte[outHeight * outWidth * channels];
        for (int y = 0; y < outHeight; y++)
        {
            int row1 = ty.I1[y] * inWidth, row2 = ty.I2[y] * inWidth;
            for (int x = 0; x < outWidth; x++)
            {
                int o11 = (row1 + tx.I1[x]) * channels, o21 = (row1 + tx.I2[x]) * channels;
                int o12 = (row2 + tx.I1[x]) * channels, o22 = (row2 + tx.I2[x]) * channels;
                int w11 = tx.D2Fixed[x] * ty.D2Fixed[y], w21 = tx.D1Fixed[x] * ty.D2Fixed[y];
                int w12 = tx.D2Fixed[x] * ty.D1Fixed[y], w22 = tx.D1Fixed[x] * ty.D1Fixed[y];
                int o = ((y * outWidth) + x) * channels;
                for (int c = 0; c < channels; c++)
                {
                    dst[o + c] = (byte)(((w11 * src[o11 + c]) + (w21 * src[o21 + c]) + (w12 * src[o12 + c]) + (w22 * src[o22 + c])) >> 20);
                }
            }
        }

        return dst;
    }

    /// <summary>
    /// <c>Resize</c> of a float plane when enlarging (antialiasing changes nothing then): two taps at the
    /// half-pixel source coordinate clamped to the image, float weights.
    /// </summary>
    public static float[] LinearPlane(ReadOnlySpan<float> src, int inWidth, int inHeight, int outWidth, int outHeight)
    {
        TwoTaps tx = TwoTaps.Create(inWidth, outWidth);
        TwoTaps ty = TwoTaps.Create(inHeight, outHeight);
        var dst = new float[outWidth * outHeight];
        for (int y = 0; y < outHeight; y++)
        {
            int row1 = ty.I1[y] * inWidth, row2 = ty.I2[y] * inWidth;
            for (int x = 0; x < outWidth; x++)
            {
                float top = (tx.D2[x] * src[row1 + tx.I1[x]]) + (tx.D1[x] * src[row1 + tx.I2[x]]);
                float bottom = (tx.D2[x] * src[row2 + tx.I1[x]]) + (tx.D1[x] * src[row2 + tx.I2[x]]);
                dst[(y * outWidth) + x] = (ty.D2[y] * top) + (ty.D1[y] * bottom);
            }
        }

        return dst;
    }

    /// <summary>ONNX Runtime's scale for a size-driven Resize: output / input in float32.</summary>
    private static float Scale(int inSize, int outSize) => (float)outSize / inSize;

    /// <summary>half_pixel: the source coordinate of output index <paramref name="i"/>, in ONNX Runtime's float order.</summary>
    private static float HalfPixel(int i, float scale) => ((i + 0.5f) / scale) - 0.5f;

    /// <summary>Per output index: the two source taps and their fractions, in float and in 10-bit fixed point.</summary>
    private sealed class TwoTaps
    {
        private TwoTaps(int size)
        {
            I1 = new int[size];
            I2 = new int[size];
            D1 = new float[size];
            D2 = new float[size];
            D1Fixed = new int[size];
            D2Fixed = new int[size];
        }

        public int[] I1 { get; }

        public int[] I2 { get; }

        public float[] D1 { get; }

        public float[] D2 { get; }

        public int[] D1Fixed { get; }

        public int[] D2Fixed { get; }

        public static TwoTaps Create(int inSize, int outSize)
        {
            float scale = Scale(inSize, outSize);
            var t = new TwoTaps(outSize);
            for (int i = 0; i < outSize; i++)
            {
                float at = scale == 1f ? i : HalfPixel(i, scale);
                at = Math.Max(0f, Math.Min(at, inSize - 1));
                int fixed10 = (int)(at * 1024f);
                int i1 = Math.Min((int)at, inSize - 1);
                int i2 = Math.Min(i1 + 1, inSize - 1);
                t.I1[i] = i1;
                t.I2[i] = i2;
                t.D1[i] = at - i1;
                t.D2[i] = 1f - t.D1[i];
                t.D1Fixed[i] = Math.Abs(fixed10 - (i1 * 1024));
                t.D2Fixed[i] = Math.Abs(fixed10 - (i2 * 1024));
                if (i1 == i2)
                {
                    t.D1[i] = t.D2[i] = 0.5f;
                    t.D1Fixed[i] = t.D2Fixed[i] = 512;
                }
            }

            return t;
        }
    }

    /// <summary>Per output index: the clipped tap range [Lo, Hi) and <see cref="Window"/> 22-bit fixed-point weights.</summary>
    private sealed class AntialiasTaps
    {
        private AntialiasTaps(int size, int window)
        {
            Lo = new int[size];
            Hi = new int[size];
            Weights = new int[size * window];
            Window = window;
        }

        public int[] Lo { get; }

        public int[] Hi { get; }

        public int[] Weights { get; }

        public int Window { get; }

        public static AntialiasTaps Create(int inSize, int outSize)
        {
            float rscale = Scale(inSize, outSize);
            float scale = 1f / rscale;
            float support = scale >= 1f ? scale : 1f; // the triangle's half-width, stretched when shrinking
            float invScale = scale >= 1f ? 1f / scale : 1f;
            int window = ((int)MathF.Ceiling(support) * 2) + 1;
            var t = new AntialiasTaps(outSize, window);
            var w = new float[(window * 2) + 4];
            for (int i = 0; i < outSize; i++)
            {
                float center = 0.5f + (scale == 1f ? i : HalfPixel(i, rscale));
                long min = (long)Math.Floor((double)(center - support) + 0.5);
                long max = (long)Math.Floor((double)(center + support) + 0.5);
                long count = max - min;
                t.Lo[i] = (int)Math.Max(min, 0);
                t.Hi[i] = (int)Math.Min(max, inSize);
                Array.Clear(w);
                float total = 0f;
                for (long x = 0; x < count; x++)
                {
                    float v = Triangle(((x + min) - center + 0.5f) * invScale);
                    w[x] = v;
                    total += v;
                }

                // exclude_outside = 0: taps before the first pixel and after the last fold onto the edge taps.
                long before = min < 0 ? -min : 0;
                for (long x = 0; x < before; x++)
                {
                    w[before] += w[x];
                }

                long after = max > inSize ? max - inSize : 0;
                for (long x = count - after; x < count; x++)
                {
                    w[count - after - 1] += w[x];
                }

                for (long x = 0; before > 0 && x < t.Hi[i] - t.Lo[i]; x++)
                {
                    w[x] = w[x + before];
                }

                for (long x = 0; x < Math.Min(count, window); x++)
                {
                    float v = total != 0f && total != 1f ? w[x] / total : w[x];
                    t.Weights[(i * window) + x] = v < 0 ? (int)(-0.5 + (v * (1 << 22))) : (int)(0.5 + (v * (1 << 22)));
                }
            }

            return t;
        }

        private static float Triangle(float x)
        {
            x = Math.Abs(x);
            return x < 1f ? 1f - x : 0f;
        }
    }
}
