using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>Reads the EXIF Orientation tag (0x0112) and applies it (TIFF/EXIF values 1 to 8).</summary>
internal static class ExifOrientation
{
    /// <summary>The orientation in a TIFF-structured EXIF block, or 1 when absent or unreadable (never throws).</summary>
    public static int Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return 1;
        }

        bool little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        bool big = tiff[0] == (byte)'M' && tiff[1] == (byte)'M';
        if (!little && !big)
        {
            return 1;
        }

        uint ifd = U32(tiff[4..], little);
        if (ifd > (uint)(tiff.Length - 2))
        {
            return 1;
        }

        int count = U16(tiff[(int)ifd..], little);
        for (int i = 0; i < count; i++)
        {
            long entry = ifd + 2 + (12L * i);
            if (entry + 12 > tiff.Length)
            {
                return 1;
            }

            ReadOnlySpan<byte> e = tiff.Slice((int)entry, 12);
            if (U16(e, little) == 0x0112 && U16(e[2..], little) == 3)
            {
                int value = U16(e[8..], little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }

        return 1;
    }

    /// <summary>Returns the image turned upright for <paramref name="orientation"/> (1 returns the same instance).</summary>
    public static RasterImage Apply(RasterImage image, int orientation)
    {
        if (orientation is < 2 or > 8)
        {
            return image;
        }

        int w = image.Width, h = image.Height, bpp = image.Format.BytesPerPixel();
        bool swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        byte[] dst = GC.AllocateUninitializedArray<byte>(image.Pixels.Length);
        ReadOnlySpan<byte> src = image.Pixels;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                (int dx, int dy) = orientation switch
                {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (h - 1 - y, x),
                    7 => (h - 1 - y, w - 1 - x),
                    _ => (y, w - 1 - x),
                };
                src.Slice(((y * w) + x) * bpp, bpp).CopyTo(dst.AsSpan(((dy * ow) + dx) * bpp, bpp));
            }
        }

        return new RasterImage(ow, oh, image.Format, dst, ownsBuffer: true);
    }

    private static int U16(ReadOnlySpan<byte> b, bool little)
        => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool little)
        => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
