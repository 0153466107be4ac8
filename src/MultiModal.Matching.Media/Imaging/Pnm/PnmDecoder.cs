using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging.Pnm;

/// <summary>
/// Netpbm PGM/PPM decoder: binary P5/P6 and ASCII P2/P3, maxval 1 to 65535. Samples are rescaled to the
/// full range of the output depth (8-bit when maxval ≤ 255, else 16-bit); a sample above maxval is an error.
/// </summary>
internal static class PnmDecoder
{
    private const string Fmt = "PNM";

    public static RasterImage Decode(ReadOnlySpan<byte> data, ImageDecoderOptions options)
    {
        char kind = (char)data[1];
        int pos = 2;
        int width = ReadHeaderNumber(data, ref pos, "width");
        int height = ReadHeaderNumber(data, ref pos, "height");
        int maxval = ReadHeaderNumber(data, ref pos, "maxval");
        if (maxval is < 1 or > 65535)
        {
            ImageThrow.Invalid(Fmt, $"maxval {maxval} is outside 1..65535.");
        }

        ImageThrow.CheckPixels(Fmt, width, height, options);
        bool color = kind is '3' or '6';
        bool sixteen = maxval > 255;
        int channels = color ? 3 : 1;
        long samples = (long)width * height * channels;
        PixelFormat format = PixelFormatInfo.Compose(color, alpha: false, sixteen);
        if (samples * (sixteen ? 2 : 1) > Array.MaxLength)
        {
            ImageThrow.Invalid(Fmt, $"a {width}x{height} image is too large for one buffer.");
        }

        byte[] output = GC.AllocateUninitializedArray<byte>((int)(samples * (sixteen ? 2 : 1)));
        int outMax = sixteen ? 65535 : 255;
        if (kind is '5' or '6')
        {
            // Exactly one whitespace byte separates the header from the raster.
            if (pos >= data.Length || !IsSpace(data[pos]))
            {
                ImageThrow.Invalid(Fmt, "no whitespace after maxval.");
            }

            pos++;
            long needed = samples * (sixteen ? 2 : 1);
            if (data.Length - pos < needed)
            {
                ImageThrow.Invalid(Fmt, $"truncated: the raster needs {needed} bytes but {data.Length - pos} remain.");
            }

            ReadOnlySpan<byte> raster = data.Slice(pos, (int)needed);
            if (sixteen)
            {
                Span<ushort> dst = MemoryMarshal.Cast<byte, ushort>(output.AsSpan());
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = (ushort)Scale(BinaryPrimitives.ReadUInt16BigEndian(raster[(2 * i)..]), maxval, outMax);
                }
            }
            else
            {
                for (int i = 0; i < output.Length; i++)
                {
                    output[i] = (byte)Scale(raster[i], maxval, outMax);
                }
            }
        }
        else
        {
            Span<ushort> dst16 = sixteen ? MemoryMarshal.Cast<byte, ushort>(output.AsSpan()) : default;
            for (long i = 0; i < samples; i++)
            {
                int v = Scale(ReadHeaderNumber(data, ref pos, "sample"), maxval, outMax);
                if (sixteen)
                {
                    dst16[(int)i] = (ushort)v;
                }
                else
                {
                    output[i] = (byte)v;
                }
            }
        }

        return new RasterImage(width, height, format, output, ownsBuffer: true);
    }

    private static int Scale(int v, int maxval, int outMax)
    {
        if (v > maxval)
        {
            ImageThrow.Invalid(Fmt, $"sample {v} exceeds maxval {maxval}.");
        }

        return maxval == outMax ? v : (int)(((long)v * outMax + (maxval / 2)) / maxval);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;

    private static int ReadHeaderNumber(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        while (pos < data.Length)
        {
            byte b = data[pos];
            if (IsSpace(b))
            {
                pos++;
            }
            else if (b == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n' && data[pos] != (byte)'\r')
                {
                    pos++;
                }
            }
            else
            {
                break;
            }
        }

        long value = 0;
        int start = pos;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (data[pos] - '0');
            if (value > int.MaxValue)
            {
                ImageThrow.Invalid(Fmt, $"the {what} is too large.");
            }

            pos++;
        }

        if (pos == start)
        {
            ImageThrow.Invalid(Fmt, pos >= data.Length ? $"truncated before the {what}." : $"expected a number for the {what} at byte {pos}.");
        }

        return (int)value;
    }
}
