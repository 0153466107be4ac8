using System.Buffers;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Onnx.Preprocessing;

/// <summary>
/// CLIP-style image preprocessing into one planar (CHW) float tensor: resize so that the shorter side is
/// <c>size</c> (antialiased bilinear), centre-crop <c>size × size</c>, scale to [0, 1], then
/// <c>(x - mean[c]) / std[c]</c>. One channel means luma (BT.601: 0.299 R + 0.587 G + 0.114 B).
/// </summary>
internal static class ImageTensorizer
{
    /// <summary>Writes <paramref name="image"/> as a <c>channels × height × width</c> tensor into <paramref name="destination"/>.</summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="height">Output height (the crop).</param>
    /// <param name="width">Output width (the crop).</param>
    /// <param name="channels">1 (luma) or 3 (RGB).</param>
    /// <param name="mean">Per-channel mean (in [0, 1] units).</param>
    /// <param name="std">Per-channel standard deviation.</param>
    /// <param name="destination">channels × height × width floats.</param>
    public static void ToTensor(RasterImage image, int height, int width, int channels, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> destination)
    {
        int sw = image.Width;
        int sh = image.Height;
        double scale = Math.Max((double)width / sw, (double)height / sh);
        int scaledW = Math.Max(width, (int)Math.Round(sw * scale));
        int scaledH = Math.Max(height, (int)Math.Round(sh * scale));
        int left = (int)Math.Round((scaledW - width) / 2.0);
        int top = (int)Math.Round((scaledH - height) / 2.0);
        ResampleWeights xs = ResampleWeights.Create(sw, scaledW, left, width);
        ResampleWeights ys = ResampleWeights.Create(sh, scaledH, top, height);

        byte[] rgb = ArrayPool<byte>.Shared.Rent(sw * sh * 3);
        float[] rows = ArrayPool<float>.Shared.Rent(sh * width * 3);
        try
        {
            PixelConverter.ToRgb8(image, rgb.AsSpan(0, sw * sh * 3));

            // Horizontal pass: every source row to `width` columns (interleaved RGB floats in 0..255).
            for (int y = 0; y < sh; y++)
            {
                ReadOnlySpan<byte> src = rgb.AsSpan(y * sw * 3, sw * 3);
                Span<float> dst = rows.AsSpan(y * width * 3, width * 3);
                for (int x = 0; x < width; x++)
                {
                    int start = xs.Starts[x];
                    ReadOnlySpan<float> w = xs.Weights.AsSpan(x * xs.Stride, xs.Counts[x]);
                    float r = 0, g = 0, b = 0;
                    for (int k = 0; k < w.Length; k++)
                    {
                        int s = (start + k) * 3;
                        r += w[k] * src[s];
                        g += w[k] * src[s + 1];
                        b += w[k] * src[s + 2];
                    }

                    dst[x * 3] = r;
                    dst[(x * 3) + 1] = g;
                    dst[(x * 3) + 2] = b;
                }
            }

            // Vertical pass and normalisation into planes.
            int plane = height * width;
            for (int y = 0; y < height; y++)
            {
                int start = ys.Starts[y];
                ReadOnlySpan<float> w = ys.Weights.AsSpan(y * ys.Stride, ys.Counts[y]);
                for (int x = 0; x < width; x++)
                {
                    float r = 0, g = 0, b = 0;
                    for (int k = 0; k < w.Length; k++)
                    {
                        int s = (((start + k) * width) + x) * 3;
                        r += w[k] * rows[s];
                        g += w[k] * rows[s + 1];
                        b += w[k] * rows[s + 2];
                    }

                    int o = (y * width) + x;
                    if (channels == 1)
                    {
                        float luma = ((0.299f * r) + (0.587f * g) + (0.114f * b)) / 255f;
                        destination[o] = (luma - mean[0]) / std[0];
                    }
                    else
                    {
                        destination[o] = ((r / 255f) - mean[0]) / std[0];
                        destination[plane + o] = ((g / 255f) - mean[1]) / std[1];
                        destination[(2 * plane) + o] = ((b / 255f) - mean[2]) / std[2];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgb);
            ArrayPool<float>.Shared.Return(rows);
        }
    }
}
