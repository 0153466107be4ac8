using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Audio;

public static partial class WavDecoder
{
    private const double TwoPowMinus31 = 1.0 / 2147483648.0;
    private const double TwoPowMinus63 = 1.0 / 9223372036854775808.0;

    /// <summary>Converts whole frames of raw data to floats; false when a float sample is not finite.</summary>
    internal static bool ConvertSamples(ReadOnlySpan<byte> raw, WavFormat format, bool bigEndian, Span<float> destination)
    {
        switch (format.Encoding)
        {
            case SampleEncoding.MuLaw:
                ConvertTable(raw, G711.MuLawTable, destination);
                return true;
            case SampleEncoding.ALaw:
                ConvertTable(raw, G711.ALawTable, destination);
                return true;
            case SampleEncoding.Float when format.ContainerBytes == 4:
                return ConvertFloat32(raw, bigEndian, destination);
            case SampleEncoding.Float:
                return ConvertFloat64(raw, bigEndian, destination);
            default:
                ConvertPcm(raw, format.ContainerBytes, bigEndian, destination);
                return true;
        }
    }

    private static void ConvertTable(ReadOnlySpan<byte> raw, float[] table, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = table[raw[i]];
        }
    }

    private static void ConvertPcm(ReadOnlySpan<byte> raw, int bytes, bool bigEndian, Span<float> destination)
    {
        switch (bytes)
        {
            case 1:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (raw[i] - 128) * (1f / 128);
                }

                return;
            case 2 when !bigEndian:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(raw.Slice(2 * i, 2)) * (1f / 32768);
                }

                return;
            case <= 4:
                for (int i = 0, o = 0; i < destination.Length; i++, o += bytes)
                {
                    destination[i] = (float)(ReadLeftJustified32(raw.Slice(o, bytes), bigEndian) * TwoPowMinus31);
                }

                return;
            default:
                for (int i = 0, o = 0; i < destination.Length; i++, o += bytes)
                {
                    destination[i] = (float)(ReadLeftJustified64(raw.Slice(o, bytes), bigEndian) * TwoPowMinus63);
                }

                return;
        }
    }

    /// <summary>A 2- to 4-byte two's-complement container placed in the top bits of an int.</summary>
    private static int ReadLeftJustified32(ReadOnlySpan<byte> b, bool bigEndian)
    {
        uint v = 0;
        for (int k = 0; k < b.Length; k++)
        {
            v = (v << 8) | b[bigEndian ? k : b.Length - 1 - k];
        }

        return (int)(v << (8 * (4 - b.Length)));
    }

    /// <summary>A 5- to 8-byte two's-complement container placed in the top bits of a long.</summary>
    private static long ReadLeftJustified64(ReadOnlySpan<byte> b, bool bigEndian)
    {
        ulong v = 0;
        for (int k = 0; k < b.Length; k++)
        {
            v = (v << 8) | b[bigEndian ? k : b.Length - 1 - k];
        }

        return (long)(v << (8 * (8 - b.Length)));
    }

    private static bool ConvertFloat32(ReadOnlySpan<byte> raw, bool bigEndian, Span<float> destination)
    {
        bool finite = true;
        for (int i = 0; i < destination.Length; i++)
        {
            ReadOnlySpan<byte> s = raw.Slice(4 * i, 4);
            float x = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
            finite &= float.IsFinite(x);
            destination[i] = x;
        }

        return finite;
    }

    private static bool ConvertFloat64(ReadOnlySpan<byte> raw, bool bigEndian, Span<float> destination)
    {
        bool finite = true;
        for (int i = 0; i < destination.Length; i++)
        {
            ReadOnlySpan<byte> s = raw.Slice(8 * i, 8);
            float x = (float)(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s));
            finite &= float.IsFinite(x);
            destination[i] = x;
        }

        return finite;
    }
}
