using System.Buffers.Binary;
using System.Numerics;

namespace MultiModal.Matching.Media.Imaging.Bmp;

/// <summary>
/// Windows BMP decoder: uncompressed 1/4/8-bit palette, 16/24/32-bit direct colour, BI_BITFIELDS masks,
/// bottom-up and top-down rows, OS/2 core headers. RLE compression is not supported.
/// Output: <see cref="PixelFormat.Rgba8"/> when the format carries an alpha mask, else <see cref="PixelFormat.Rgb8"/>.
/// </summary>
internal static class BmpDecoder
{
    private const string Fmt = "BMP";

    public static RasterImage Decode(ReadOnlySpan<byte> data, ImageDecoderOptions options)
    {
        if (data.Length < 26)
        {
            ImageThrow.Invalid(Fmt, "truncated file header.");
        }

        uint pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (headerSize is not (12 or 40 or 52 or 56 or 64 or 108 or 124) || 14 + headerSize > data.Length)
        {
            ImageThrow.Invalid(Fmt, $"DIB header size {headerSize} is unknown or runs past the end.");
        }

        ReadOnlySpan<byte> h = data.Slice(14, (int)headerSize);
        long width, height;
        int bpp;
        uint compression = 0, colorsUsed = 0;
        int paletteEntrySize;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(h[6..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
            paletteEntrySize = 3;
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[14..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
            colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(h[32..]);
            paletteEntrySize = 4;
        }

        bool topDown = height < 0;
        height = Math.Abs(height);
        ImageThrow.CheckPixels(Fmt, width, height, options);
        if (bpp is not (1 or 4 or 8 or 16 or 24 or 32))
        {
            ImageThrow.Invalid(Fmt, $"{bpp} bits per pixel is not a BMP depth.");
        }

        uint rMask = 0, gMask = 0, bMask = 0, aMask = 0;
        bool masks = false;
        switch (compression)
        {
            case 0:
                if (bpp == 16)
                {
                    (rMask, gMask, bMask, masks) = (0x7C00, 0x03E0, 0x001F, true);
                }

                break;
            case 3 or 6:
                if (bpp is not (16 or 32))
                {
                    ImageThrow.Invalid(Fmt, $"bit-field compression with {bpp} bits per pixel.");
                }

                int maskBase = headerSize >= 52 ? 14 + 40 : 14 + (int)headerSize;
                int maskCount = compression == 6 || headerSize >= 56 ? 4 : 3;
                if (data.Length < maskBase + (4 * maskCount))
                {
                    ImageThrow.Invalid(Fmt, "truncated colour masks.");
                }

                rMask = BinaryPrimitives.ReadUInt32LittleEndian(data[maskBase..]);
                gMask = BinaryPrimitives.ReadUInt32LittleEndian(data[(maskBase + 4)..]);
                bMask = BinaryPrimitives.ReadUInt32LittleEndian(data[(maskBase + 8)..]);
                aMask = maskCount == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(data[(maskBase + 12)..]) : 0;
                masks = true;
                break;
            default:
                ImageThrow.Unsupported(ImageFormat.Bmp, $"compression method {compression} (RLE, JPEG or PNG inside BMP) is not supported.");
                break;
        }

        int w = (int)width, hgt = (int)height;
        long rowBytes = ((((long)w * bpp) + 31) / 32) * 4;
        if (pixelOffset > data.Length || data.Length - pixelOffset < rowBytes * hgt)
        {
            ImageThrow.Invalid(Fmt, $"truncated: {hgt} rows of {rowBytes} bytes at offset {pixelOffset} run past the end ({data.Length} bytes).");
        }

        ReadOnlySpan<byte> palette = default;
        if (bpp <= 8)
        {
            int count = colorsUsed == 0 ? 1 << bpp : (int)Math.Min(colorsUsed, 256u);
            int paletteStart = 14 + (int)headerSize;
            long available = ((long)pixelOffset - paletteStart) / paletteEntrySize;
            count = (int)Math.Min(count, Math.Max(0, available));
            if (count == 0)
            {
                ImageThrow.Invalid(Fmt, "a palette image has no palette.");
            }

            palette = data.Slice(paletteStart, count * paletteEntrySize);
        }

        bool alpha = masks && aMask != 0;
        int outBpp = alpha ? 4 : 3;
        byte[] output = GC.AllocateUninitializedArray<byte>(checked(w * hgt * outBpp));
        int paletteCount = palette.Length / Math.Max(1, paletteEntrySize);
        for (int y = 0; y < hgt; y++)
        {
            ReadOnlySpan<byte> src = data.Slice((int)(pixelOffset + (rowBytes * y)), (int)rowBytes);
            int outY = topDown ? y : hgt - 1 - y;
            Span<byte> dst = output.AsSpan(outY * w * outBpp, w * outBpp);
            for (int x = 0; x < w; x++)
            {
                int d = x * outBpp;
                switch (bpp)
                {
                    case 24:
                        dst[d] = src[(3 * x) + 2];
                        dst[d + 1] = src[(3 * x) + 1];
                        dst[d + 2] = src[3 * x];
                        break;
                    case 32 when !masks:
                        dst[d] = src[(4 * x) + 2];
                        dst[d + 1] = src[(4 * x) + 1];
                        dst[d + 2] = src[4 * x];
                        break;
                    case 16 or 32:
                        uint v = bpp == 16 ? BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * x)..]) : BinaryPrimitives.ReadUInt32LittleEndian(src[(4 * x)..]);
                        dst[d] = Extract(v, rMask);
                        dst[d + 1] = Extract(v, gMask);
                        dst[d + 2] = Extract(v, bMask);
                        if (alpha)
                        {
                            dst[d + 3] = Extract(v, aMask);
                        }

                        break;
                    default:
                        int perByte = 8 / bpp;
                        int index = (src[x / perByte] >> (8 - (bpp * ((x % perByte) + 1)))) & ((1 << bpp) - 1);
                        if (index >= paletteCount)
                        {
                            ImageThrow.Invalid(Fmt, $"palette index {index} is outside the {paletteCount}-entry palette.");
                        }

                        int p = index * paletteEntrySize;
                        dst[d] = palette[p + 2];
                        dst[d + 1] = palette[p + 1];
                        dst[d + 2] = palette[p];
                        break;
                }
            }
        }

        return new RasterImage(w, hgt, alpha ? PixelFormat.Rgba8 : PixelFormat.Rgb8, output, ownsBuffer: true);
    }

    private static byte Extract(uint value, uint mask)
    {
        if (mask == 0)
        {
            return 0;
        }

        int shift = BitOperations.TrailingZeroCount(mask);
        int bits = BitOperations.PopCount(mask);
        uint v = (value & mask) >> shift;
        if (bits >= 8)
        {
            return (byte)(v >> (bits - 8));
        }

        uint max = (1u << bits) - 1;
        return (byte)(((v * 255) + (max / 2)) / max);
    }
}
