using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging.Png;

/// <summary>Turns one unfiltered PNG row into output pixels of <see cref="OutputFormat"/>.</summary>
internal sealed class PngRowConverter
{
    private readonly PngHeader _h;
    private readonly byte[]? _palette;
    private readonly int _paletteCount;
    private readonly byte[]? _alpha;
    private readonly int _k0, _k1, _k2;

    public PngRowConverter(PngHeader header, byte[]? palette, int paletteCount, byte[]? alphaTable, int k0, int k1, int k2)
    {
        _h = header;
        _palette = palette;
        _paletteCount = paletteCount;
        _alpha = alphaTable;
        _k0 = k0;
        _k1 = k1;
        _k2 = k2;
        bool sixteen = header.BitDepth == 16;
        OutputFormat = header.ColorType switch
        {
            0 => PixelFormatInfo.Compose(color: false, alpha: k0 >= 0, sixteen),
            2 => PixelFormatInfo.Compose(color: true, alpha: k0 >= 0, sixteen),
            3 => alphaTable is null ? PixelFormat.Rgb8 : PixelFormat.Rgba8,
            4 => PixelFormatInfo.Compose(color: false, alpha: true, sixteen),
            _ => PixelFormatInfo.Compose(color: true, alpha: true, sixteen),
        };
    }

    public PixelFormat OutputFormat { get; }

    public void Convert(ReadOnlySpan<byte> src, Span<byte> dst, int width)
    {
        int depth = _h.BitDepth;
        if (depth < 8)
        {
            ConvertPacked(src, dst, width);
            return;
        }

        if (depth == 16)
        {
            Convert16(src, dst, width);
            return;
        }

        switch (_h.ColorType)
        {
            case 3:
                ConvertPalette8(src, dst, width);
                return;
            case 0 when _k0 >= 0:
                for (int x = 0; x < width; x++)
                {
                    byte g = src[x];
                    dst[2 * x] = g;
                    dst[(2 * x) + 1] = g == _k0 ? (byte)0 : (byte)255;
                }

                return;
            case 2 when _k0 >= 0:
                for (int x = 0, s = 0, d = 0; x < width; x++, s += 3, d += 4)
                {
                    byte r = src[s], g = src[s + 1], b = src[s + 2];
                    dst[d] = r;
                    dst[d + 1] = g;
                    dst[d + 2] = b;
                    dst[d + 3] = r == _k0 && g == _k1 && b == _k2 ? (byte)0 : (byte)255;
                }

                return;
            default:
                src[..dst.Length].CopyTo(dst);
                return;
        }
    }

    private void ConvertPacked(ReadOnlySpan<byte> src, Span<byte> dst, int width)
    {
        int depth = _h.BitDepth;
        int mask = (1 << depth) - 1;
        int perByte = 8 / depth;
        bool palette = _h.ColorType == 3;
        int scale = 255 / mask;
        for (int x = 0; x < width; x++)
        {
            int shift = 8 - (depth * ((x % perByte) + 1));
            int v = (src[x / perByte] >> shift) & mask;
            if (palette)
            {
                WritePaletteEntry(v, dst, x);
            }
            else if (_k0 >= 0)
            {
                dst[2 * x] = (byte)(v * scale);
                dst[(2 * x) + 1] = v == _k0 ? (byte)0 : (byte)255;
            }
            else
            {
                dst[x] = (byte)(v * scale);
            }
        }
    }

    private void ConvertPalette8(ReadOnlySpan<byte> src, Span<byte> dst, int width)
    {
        for (int x = 0; x < width; x++)
        {
            WritePaletteEntry(src[x], dst, x);
        }
    }

    private void WritePaletteEntry(int index, Span<byte> dst, int x)
    {
        if (index >= _paletteCount)
        {
            ImageThrow.Invalid("PNG", $"palette index {index} is outside the {_paletteCount}-entry palette.");
        }

        byte[] p = _palette!;
        if (_alpha is null)
        {
            int d = 3 * x;
            dst[d] = p[3 * index];
            dst[d + 1] = p[(3 * index) + 1];
            dst[d + 2] = p[(3 * index) + 2];
        }
        else
        {
            int d = 4 * x;
            dst[d] = p[3 * index];
            dst[d + 1] = p[(3 * index) + 1];
            dst[d + 2] = p[(3 * index) + 2];
            dst[d + 3] = _alpha[index];
        }
    }

    private void Convert16(ReadOnlySpan<byte> src, Span<byte> dstBytes, int width)
    {
        Span<ushort> dst = MemoryMarshal.Cast<byte, ushort>(dstBytes);
        int channels = _h.Channels;
        if (_k0 < 0)
        {
            int n = width * channels;
            for (int i = 0; i < n; i++)
            {
                dst[i] = BinaryPrimitives.ReadUInt16BigEndian(src[(2 * i)..]);
            }

            return;
        }

        int outChannels = channels + 1;
        for (int x = 0; x < width; x++)
        {
            bool key = true;
            for (int c = 0; c < channels; c++)
            {
                ushort v = BinaryPrimitives.ReadUInt16BigEndian(src[(2 * ((x * channels) + c))..]);
                dst[(x * outChannels) + c] = v;
                key &= v == (c == 0 ? _k0 : c == 1 ? _k1 : _k2);
            }

            dst[(x * outChannels) + channels] = key ? (ushort)0 : ushort.MaxValue;
        }
    }
}
