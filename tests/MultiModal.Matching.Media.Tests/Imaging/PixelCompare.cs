using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging;

/// <summary>Canonical forms for comparing decoded images in tests.</summary>
internal static class PixelCompare
{
    /// <summary>Every pixel as non-premultiplied 16-bit RGBA (8-bit values × 257, opaque when there is no alpha).</summary>
    public static ushort[] ToRgba16(RasterImage image)
    {
        int n = image.Width * image.Height;
        int ch = image.Format.ChannelCount();
        bool sixteen = image.Format.BitsPerSample() == 16;
        ReadOnlySpan<byte> p8 = image.Pixels;
        ReadOnlySpan<ushort> p16 = sixteen ? image.GetSamples16() : default;
        var dst = new ushort[n * 4];
        Span<ushort> s = stackalloc ushort[4];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < ch; c++)
            {
                s[c] = sixteen ? p16[(i * ch) + c] : (ushort)(p8[(i * ch) + c] * 257);
            }

            bool color = image.Format.IsColor();
            dst[4 * i] = s[0];
            dst[(4 * i) + 1] = color ? s[1] : s[0];
            dst[(4 * i) + 2] = color ? s[2] : s[0];
            dst[(4 * i) + 3] = image.Format.HasAlpha() ? s[ch - 1] : ushort.MaxValue;
        }

        return dst;
    }

    /// <summary>Every pixel as 8-bit RGB (what JPEG references are compared in).</summary>
    public static byte[] ToRgb8(RasterImage image) => image.ToRgb8().Pixels.ToArray();
}
