using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging;

/// <summary>Conversions between pixel formats.</summary>
internal static class PixelConverter
{
    /// <summary>Writes <paramref name="src"/> as 8-bit RGB into <paramref name="dst"/> (width × height × 3 bytes).</summary>
    public static void ToRgb8(RasterImage src, Span<byte> dst)
    {
        int n = src.Width * src.Height;
        int channels = src.Format.ChannelCount();
        bool color = src.Format.IsColor();
        if (src.Format.BitsPerSample() == 8)
        {
            ReadOnlySpan<byte> s = src.Pixels;
            if (color)
            {
                for (int i = 0, si = 0, di = 0; i < n; i++, si += channels, di += 3)
                {
                    dst[di] = s[si];
                    dst[di + 1] = s[si + 1];
                    dst[di + 2] = s[si + 2];
                }
            }
            else
            {
                for (int i = 0, si = 0, di = 0; i < n; i++, si += channels, di += 3)
                {
                    byte g = s[si];
                    dst[di] = g;
                    dst[di + 1] = g;
                    dst[di + 2] = g;
                }
            }

            return;
        }

        ReadOnlySpan<ushort> w = MemoryMarshal.Cast<byte, ushort>(src.Pixels);
        for (int i = 0, si = 0, di = 0; i < n; i++, si += channels, di += 3)
        {
            if (color)
            {
                dst[di] = To8(w[si]);
                dst[di + 1] = To8(w[si + 1]);
                dst[di + 2] = To8(w[si + 2]);
            }
            else
            {
                byte g = To8(w[si]);
                dst[di] = g;
                dst[di + 1] = g;
                dst[di + 2] = g;
            }
        }
    }

    /// <summary>Rounds a 16-bit sample to 8 bits (v × 255 / 65535, rounded).</summary>
    public static byte To8(ushort v) => (byte)((v * 255 + 32895) >> 16);
}
