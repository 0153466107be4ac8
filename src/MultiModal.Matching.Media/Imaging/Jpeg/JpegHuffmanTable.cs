namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>A Huffman table (DHT) with an 11-bit lookahead table (8 KB of combined AC entries: few codes and their magnitude bits are longer) and per-length limits for longer codes.</summary>
internal sealed class JpegHuffmanTable
{
    public const int LookupBits = 11;

    /// <summary>(length &lt;&lt; 8) | symbol for every <see cref="LookupBits"/>-bit prefix whose code is at most that long; 0 otherwise.</summary>
    public readonly ushort[] Fast = new ushort[1 << LookupBits];

    /// <summary>
    /// For AC tables, one probe decodes a whole coefficient when its code and magnitude bits fit in
    /// <see cref="LookupBits"/>: (value &lt;&lt; 16) | (run &lt;&lt; 8) | (code length + magnitude bits); 0 otherwise
    /// (end of block, ZRL, longer codes), which sends the decoder to <see cref="Fast"/>.
    /// </summary>
    public readonly int[] FastAc = new int[1 << LookupBits];

    /// <summary>Largest code of each length (1..16), or -1 when there is none; index 17 is a sentinel.</summary>
    public readonly int[] MaxCode = new int[18];

    /// <summary>Index into <see cref="Values"/> of the first code of each length, minus that code.</summary>
    public readonly int[] ValueOffset = new int[17];

    public readonly byte[] Values = new byte[256];

    /// <summary>Builds the table from the 16 code counts and the symbols, validating that the code space is not overfull.</summary>
    public static JpegHuffmanTable Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        var t = new JpegHuffmanTable();
        symbols.CopyTo(t.Values);
        int code = 0, k = 0;
        for (int len = 1; len <= 16; len++)
        {
            int n = counts[len - 1];
            t.ValueOffset[len] = k - code;
            if (n > 0)
            {
                if (code + n > 1 << len)
                {
                    ImageThrow.Invalid("JPEG", "a Huffman table has more codes of some length than fit.");
                }

                for (int i = 0; i < n; i++)
                {
                    if (len <= LookupBits)
                    {
                        int shift = LookupBits - len;
                        int start = (code + i) << shift;
                        ushort entry = (ushort)((len << 8) | symbols[k + i]);
                        t.Fast.AsSpan(start, 1 << shift).Fill(entry);
                        FillFastAc(t.FastAc, start, len, symbols[k + i]);
                    }
                }

                code += n;
                k += n;
                t.MaxCode[len] = code - 1;
            }
            else
            {
                t.MaxCode[len] = -1;
            }

            code <<= 1;
        }

        t.MaxCode[17] = int.MaxValue;
        return t;
    }

    private static void FillFastAc(int[] fastAc, int start, int len, int symbol)
    {
        int run = symbol >> 4, size = symbol & 15;
        if (size == 0 || len + size > LookupBits)
        {
            return;
        }

        int shift = LookupBits - len;
        for (int p = start; p < start + (1 << shift); p++)
        {
            int v = (p >> (shift - size)) & ((1 << size) - 1);
            if (v < 1 << (size - 1))
            {
                v += (-1 << size) + 1;
            }

            fastAc[p] = (v << 16) | (run << 8) | (len + size);
        }
    }
}
