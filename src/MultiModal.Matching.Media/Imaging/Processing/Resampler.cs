using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>
/// Separable resampling: a horizontal pass from samples into a float buffer (interleaved channels), then a
/// vertical pass that is a weighted sum of whole rows (vectorised with TensorPrimitives).
/// </summary>
internal static class Resampler
{
    public static RasterImage Resize(RasterImage source, int width, int height, ResizeFilter filter, bool antialias)
    {
        int channels = source.Format.ChannelCount();
        bool sixteen = source.Format.BitsPerSample() == 16;
        float max = sixteen ? 65535f : 255f;
        ResampleWeights wx = ResampleWeights.Create(source.Width, width, filter, antialias);
        ResampleWeights wy = ResampleWeights.Create(source.Height, height, filter, antialias);
        int rowFloats = width * channels;

        // Only the source rows that some output row reads are filtered horizontally.
        float[] horizontal = ArrayPool<float>.Shared.Rent(checked(rowFloats * source.Height));
        float[] accumulator = ArrayPool<float>.Shared.Rent(rowFloats);
        byte[] output = GC.AllocateUninitializedArray<byte>(width * height * source.Format.BytesPerPixel());
        try
        {
            int firstRow = wy.Start[0];
            int lastRow = wy.Start[height - 1] + wy.Count[height - 1];
            for (int y = firstRow; y < lastRow; y++)
            {
                Span<float> dst = horizontal.AsSpan(y * rowFloats, rowFloats);
                if (sixteen)
                {
                    HorizontalPass16(MemoryMarshal.Cast<byte, ushort>(source.GetRow(y)), dst, channels, wx);
                }
                else
                {
                    HorizontalPass8(source.GetRow(y), dst, channels, wx);
                }
            }

            Span<float> acc = accumulator.AsSpan(0, rowFloats);
            for (int y = 0; y < height; y++)
            {
                int start = wy.Start[y], count = wy.Count[y];
                acc.Clear();
                for (int k = 0; k < count; k++)
                {
                    float w = wy.Weights[(y * wy.Taps) + k];
                    TensorPrimitives.MultiplyAdd(horizontal.AsSpan((start + k) * rowFloats, rowFloats), w, acc, acc);
                }

                TensorPrimitives.Clamp(acc, 0f, max, acc);
                TensorPrimitives.Round(acc, acc);
                if (sixteen)
                {
                    Span<ushort> o = MemoryMarshal.Cast<byte, ushort>(output.AsSpan(y * rowFloats * 2, rowFloats * 2));
                    for (int i = 0; i < rowFloats; i++)
                    {
                        o[i] = (ushort)acc[i];
                    }
                }
                else
                {
                    Span<byte> o = output.AsSpan(y * rowFloats, rowFloats);
                    for (int i = 0; i < rowFloats; i++)
                    {
                        o[i] = (byte)acc[i];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(horizontal);
            ArrayPool<float>.Shared.Return(accumulator);
        }

        return new RasterImage(width, height, source.Format, output, ownsBuffer: true);
    }

    private static void HorizontalPass8(ReadOnlySpan<byte> src, Span<float> dst, int channels, ResampleWeights wx)
    {
        int outWidth = wx.Start.Length;
        ReadOnlySpan<float> weights = wx.Weights;
        int taps = wx.Taps;
        if (channels == 3)
        {
            for (int x = 0; x < outWidth; x++)
            {
                int s = wx.Start[x] * 3, n = wx.Count[x];
                ReadOnlySpan<float> w = weights.Slice(x * taps, n);
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < n; k++, s += 3)
                {
                    float wk = w[k];
                    r += src[s] * wk;
                    g += src[s + 1] * wk;
                    b += src[s + 2] * wk;
                }

                dst[3 * x] = r;
                dst[(3 * x) + 1] = g;
                dst[(3 * x) + 2] = b;
            }

            return;
        }

        for (int x = 0; x < outWidth; x++)
        {
            int n = wx.Count[x];
            ReadOnlySpan<float> w = weights.Slice(x * taps, n);
            for (int c = 0; c < channels; c++)
            {
                float sum = 0;
                for (int k = 0, s = (wx.Start[x] * channels) + c; k < n; k++, s += channels)
                {
                    sum += src[s] * w[k];
                }

                dst[(x * channels) + c] = sum;
            }
        }
    }

    private static void HorizontalPass16(ReadOnlySpan<ushort> src, Span<float> dst, int channels, ResampleWeights wx)
    {
        int outWidth = wx.Start.Length;
        for (int x = 0; x < outWidth; x++)
        {
            int n = wx.Count[x];
            ReadOnlySpan<float> w = wx.Weights.AsSpan(x * wx.Taps, n);
            for (int c = 0; c < channels; c++)
            {
                float sum = 0;
                for (int k = 0, s = (wx.Start[x] * channels) + c; k < n; k++, s += channels)
                {
                    sum += src[s] * w[k];
                }

                dst[(x * channels) + c] = sum;
            }
        }
    }
}
