namespace MultiModal.Matching.Media.Audio;

/// <summary>ITU-T G.711 µ-law and A-law expansion to floats (16-bit linear ÷ 32768).</summary>
internal static class G711
{
    /// <summary>Float value of each µ-law byte.</summary>
    public static readonly float[] MuLawTable = Build(MuLawToLinear);

    /// <summary>Float value of each A-law byte.</summary>
    public static readonly float[] ALawTable = Build(ALawToLinear);

    /// <summary>µ-law byte to 16-bit linear (range ±32124).</summary>
    public static int MuLawToLinear(byte code)
    {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 7;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /// <summary>A-law byte to 16-bit linear (range ±32256).</summary>
    public static int ALawToLinear(byte code)
    {
        int a = code ^ 0x55;
        int exponent = (a >> 4) & 7;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    private static float[] Build(Func<byte, int> expand)
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = expand((byte)i) / 32768f;
        }

        return table;
    }
}
