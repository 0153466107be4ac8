using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiModal.Matching.Media.Imaging.Png;

/// <summary>
/// PNG decoder: chunk walk with CRC checks, zlib inflate (System.IO.Compression), unfilter, Adam7,
/// and conversion to a <see cref="PixelFormat"/>. Ancillary chunks other than tRNS are skipped.
/// </summary>
internal static class PngDecoder
{
    private const string Fmt = "PNG";

    public static RasterImage Decode(ReadOnlySpan<byte> data, ImageDecoderOptions options)
    {
        int pos = 8;
        PngHeader header = default;
        bool haveHeader = false;
        bool haveEnd = false;
        byte[]? palette = null;
        int paletteCount = 0;
        byte[]? alphaTable = null;
        int transparentKey0 = -1, transparentKey1 = -1, transparentKey2 = -1;
        byte[] idat = ArrayPool<byte>.Shared.Rent(Math.Max(256, data.Length));
        int idatLength = 0;
        try
        {
            while (!haveEnd)
            {
                if (data.Length - pos < 12)
                {
                    ImageThrow.Invalid(Fmt, $"truncated: a chunk header is cut off at byte {pos} (no IEND).");
                }

                uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
                if (length > int.MaxValue || length > (uint)(data.Length - pos - 12))
                {
                    ImageThrow.Invalid(Fmt, $"chunk at byte {pos} declares {length} bytes but only {data.Length - pos - 12} remain.");
                }

                ReadOnlySpan<byte> typeAndData = data.Slice(pos + 4, 4 + (int)length);
                uint type = BinaryPrimitives.ReadUInt32BigEndian(typeAndData);
                ReadOnlySpan<byte> body = typeAndData[4..];
                uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]);
                if (options.VerifyPngCrc && Crc32.Update(0, typeAndData) != storedCrc)
                {
                    ImageThrow.Invalid(Fmt, $"CRC mismatch in chunk '{TypeName(type)}' at byte {pos}.");
                }

                pos += 12 + (int)length;
                if (!haveHeader && type != ChunkIhdr)
                {
                    ImageThrow.Invalid(Fmt, $"the first chunk is '{TypeName(type)}', not IHDR.");
                }

                switch (type)
                {
                    case ChunkIhdr:
                        if (haveHeader)
                        {
                            ImageThrow.Invalid(Fmt, "more than one IHDR chunk.");
                        }

                        header = ReadHeader(body, options);
                        haveHeader = true;
                        break;
                    case ChunkPlte:
                        if (body.Length % 3 != 0 || body.Length == 0 || body.Length > 768)
                        {
                            ImageThrow.Invalid(Fmt, $"PLTE chunk of {body.Length} bytes is not 1 to 256 RGB entries.");
                        }

                        if (header.ColorType == 3 && body.Length / 3 > 1 << header.BitDepth)
                        {
                            ImageThrow.Invalid(Fmt, $"PLTE has {body.Length / 3} entries, more than a {header.BitDepth}-bit index can address.");
                        }

                        palette = body.ToArray();
                        paletteCount = body.Length / 3;
                        break;
                    case ChunkTrns:
                        ReadTransparency(header, body, paletteCount, ref alphaTable, ref transparentKey0, ref transparentKey1, ref transparentKey2);
                        break;
                    case ChunkIdat:
                        body.CopyTo(idat.AsSpan(idatLength));
                        idatLength += body.Length;
                        break;
                    case ChunkIend:
                        haveEnd = true;
                        break;
                    default:
                        if ((type & 0x20000000) == 0)
                        {
                            ImageThrow.Invalid(Fmt, $"unknown critical chunk '{TypeName(type)}'.");
                        }

                        break;
                }
            }

            if (header.ColorType == 3 && palette is null)
            {
                ImageThrow.Invalid(Fmt, "an indexed-colour image has no PLTE chunk.");
            }

            if (idatLength == 0)
            {
                ImageThrow.Invalid(Fmt, "no IDAT data.");
            }

            var info = new PngRowConverter(header, palette, paletteCount, alphaTable, transparentKey0, transparentKey1, transparentKey2);
            return Inflate(idat, idatLength, header, info);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(idat);
        }
    }

    private static RasterImage Inflate(byte[] idat, int idatLength, PngHeader header, PngRowConverter converter)
    {
        PixelFormat format = converter.OutputFormat;
        int outBpp = format.BytesPerPixel();
        long outBytes = (long)header.Width * header.Height * outBpp;
        if (outBytes > Array.MaxLength)
        {
            ImageThrow.Invalid(Fmt, $"a {header.Width}x{header.Height} image is too large for one buffer.");
        }

        byte[] output = GC.AllocateUninitializedArray<byte>((int)outBytes);
        int maxRow = (int)header.RowBytes(header.Width) + 1;
        byte[] rowA = ArrayPool<byte>.Shared.Rent(maxRow);
        byte[] rowB = ArrayPool<byte>.Shared.Rent(maxRow);
        byte[] scratch = ArrayPool<byte>.Shared.Rent((header.Width * outBpp) + 16);
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(idat, 0, idatLength, writable: false), CompressionMode.Decompress);
            int stride = header.Width * outBpp;
            for (int pass = header.Interlaced ? 0 : -1; pass < (header.Interlaced ? 7 : 0); pass++)
            {
                (int x0, int y0, int dx, int dy) = pass < 0 ? (0, 0, 1, 1) : Adam7[pass];
                int passWidth = (header.Width - x0 + dx - 1) / dx;
                int passHeight = (header.Height - y0 + dy - 1) / dy;
                if (passWidth <= 0 || passHeight <= 0)
                {
                    continue;
                }

                int rowBytes = (int)header.RowBytes(passWidth);
                Span<byte> prev = rowA.AsSpan(0, rowBytes + 1);
                Span<byte> cur = rowB.AsSpan(0, rowBytes + 1);
                prev.Clear();
                for (int py = 0; py < passHeight; py++)
                {
                    ReadExactly(zlib, cur);
                    PngFilters.Unfilter(cur[0], cur[1..], prev[1..], header.FilterStride);
                    int y = y0 + (py * dy);
                    if (pass < 0)
                    {
                        converter.Convert(cur[1..], output.AsSpan(y * stride, stride), passWidth);
                    }
                    else
                    {
                        Span<byte> tmp = scratch.AsSpan(0, passWidth * outBpp);
                        converter.Convert(cur[1..], tmp, passWidth);
                        Span<byte> dstRow = output.AsSpan(y * stride, stride);
                        for (int px = 0, x = x0; px < passWidth; px++, x += dx)
                        {
                            tmp.Slice(px * outBpp, outBpp).CopyTo(dstRow[(x * outBpp)..]);
                        }
                    }

                    Span<byte> t = prev;
                    prev = cur;
                    cur = t;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidImageDataException("PNG: the zlib stream in the IDAT chunks is corrupt.", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rowA);
            ArrayPool<byte>.Shared.Return(rowB);
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return new RasterImage(header.Width, header.Height, format, output, ownsBuffer: true);
    }

    private static void ReadExactly(Stream s, Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            int n = s.Read(buffer);
            if (n <= 0)
            {
                ImageThrow.Invalid(Fmt, "truncated: the zlib stream ends before the last row.");
            }

            buffer = buffer[n..];
        }
    }

    private static PngHeader ReadHeader(ReadOnlySpan<byte> body, ImageDecoderOptions options)
    {
        if (body.Length != 13)
        {
            ImageThrow.Invalid(Fmt, $"IHDR has {body.Length} bytes, not 13.");
        }

        uint w = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint h = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (w == 0 || h == 0 || w > int.MaxValue || h > int.MaxValue)
        {
            ImageThrow.Invalid(Fmt, $"IHDR size {w}x{h} is invalid.");
        }

        ImageThrow.CheckPixels(Fmt, w, h, options);
        int depth = body[8], colorType = body[9];
        if (!PngHeader.IsValidCombination(colorType, depth))
        {
            ImageThrow.Invalid(Fmt, $"colour type {colorType} with bit depth {depth} is not allowed.");
        }

        if (body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            ImageThrow.Invalid(Fmt, $"IHDR compression {body[10]}, filter {body[11]} or interlace {body[12]} method is unknown.");
        }

        return new PngHeader((int)w, (int)h, depth, colorType, body[12] == 1);
    }

    private static void ReadTransparency(PngHeader header, ReadOnlySpan<byte> body, int paletteCount, ref byte[]? alphaTable, ref int k0, ref int k1, ref int k2)
    {
        switch (header.ColorType)
        {
            case 3:
                if (body.Length > paletteCount)
                {
                    ImageThrow.Invalid(Fmt, $"tRNS has {body.Length} entries for a palette of {paletteCount}.");
                }

                alphaTable = new byte[256];
                alphaTable.AsSpan().Fill(255);
                body.CopyTo(alphaTable);
                break;
            case 0:
                if (body.Length != 2)
                {
                    ImageThrow.Invalid(Fmt, $"a grey tRNS chunk has {body.Length} bytes, not 2.");
                }

                k0 = BinaryPrimitives.ReadUInt16BigEndian(body);
                break;
            case 2:
                if (body.Length != 6)
                {
                    ImageThrow.Invalid(Fmt, $"an RGB tRNS chunk has {body.Length} bytes, not 6.");
                }

                k0 = BinaryPrimitives.ReadUInt16BigEndian(body);
                k1 = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                k2 = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                break;
            default:
                ImageThrow.Invalid(Fmt, $"a tRNS chunk is not allowed with colour type {header.ColorType}.");
                break;
        }
    }

    private static string TypeName(uint type)
    {
        Span<char> c = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            byte b = (byte)(type >> (24 - (8 * i)));
            c[i] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }

        return new string(c);
    }

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private const uint ChunkIhdr = 0x49484452;
    private const uint ChunkPlte = 0x504C5445;
    private const uint ChunkTrns = 0x74524E53;
    private const uint ChunkIdat = 0x49444154;
    private const uint ChunkIend = 0x49454E44;
}
