using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// Reads entropy-coded bits, removing 0xFF00 stuffing. At a marker or the end of the data it supplies
/// zero bits (as libjpeg does), so a truncated scan decodes to flat blocks instead of failing;
/// every caller's loop is bounded by the block count, so this cannot spin.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>The next byte of entropy-coded data to load into <see cref="Bits"/>.</summary>
    public int Position;

    /// <summary>Buffered bits, most significant first; the bits below the top <see cref="Count"/> are zero.</summary>
    public ulong Bits;

    /// <summary>How many bits of <see cref="Bits"/> are valid.</summary>
    public int Count;

    private bool _atMarker;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    /// <summary>The whole file; the hot loops refill <see cref="Bits"/> from it directly when 8 bytes hold no 0xFF.</summary>
    public readonly ReadOnlySpan<byte> Data => _data;

    /// <summary>Whether a marker (or the end of the data) was reached; from then on only zero bits are supplied.</summary>
    public readonly bool AtMarker => _atMarker;

    /// <summary>Whether the reader ran past the end of the data (the file is truncated).</summary>
    public bool PastEnd { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeHuffman(JpegHuffmanTable table)
    {
        if (Count < 16)
        {
            Fill();
        }

        int entry = table.Fast[(int)(Bits >> (64 - JpegHuffmanTable.LookupBits))];
        if (entry != 0)
        {
            int len = entry >> 8;
            Bits <<= len;
            Count -= len;
            return entry & 0xFF;
        }

        return DecodeSlow(table);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        if (Count < n)
        {
            Fill();
        }

        int v = (int)(Bits >> (64 - n));
        Bits <<= n;
        Count -= n;
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBit() => GetBits(1);

    /// <summary>Reads <paramref name="n"/> bits and sign-extends them as JPEG's EXTEND does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(int n)
    {
        int v = GetBits(n);
        return n == 0 ? 0 : v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /// <summary>At a restart interval: drops buffered bits and consumes the RSTn marker if one is next.</summary>
    public void Restart()
    {
        Bits = 0;
        Count = 0;
        SeekMarker();
        if (Position + 1 < _data.Length && _data[Position + 1] is >= 0xD0 and <= 0xD7)
        {
            Position += 2;
            _atMarker = false;
        }
    }

    /// <summary>After a scan: the position of the next marker (or the end of the data).</summary>
    public int EndScan()
    {
        SeekMarker();
        return Position;
    }

    private void SeekMarker()
    {
        while (Position + 1 < _data.Length && !(_data[Position] == 0xFF && _data[Position + 1] is not 0x00 and not 0xFF))
        {
            Position++;
        }

        if (Position + 1 >= _data.Length)
        {
            Position = _data.Length;
        }
    }

    /// <summary>Tops <see cref="Bits"/> up to at least 57 valid bits (zero bits at a marker or the end of the data).</summary>
    public void Fill()
    {
        if (!_atMarker && Position + 8 <= _data.Length)
        {
            ulong w = BinaryPrimitives.ReadUInt64BigEndian(_data[Position..]);
            ulong x = ~w;
            if (((x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL) == 0)
            {
                // No 0xFF among the next 8 bytes: no stuffing, no marker; take whole bytes at once.
                int bytes = (64 - Count) >> 3;
                Bits |= (w >> (64 - (bytes * 8))) << (64 - Count - (bytes * 8));
                Position += bytes;
                Count += bytes * 8;
                return;
            }
        }

        while (Count <= 56)
        {
            int b = 0;
            if (!_atMarker)
            {
                if (Position >= _data.Length)
                {
                    PastEnd = true;
                    _atMarker = true;
                }
                else
                {
                    b = _data[Position];
                    if (b != 0xFF)
                    {
                        Position++;
                    }
                    else
                    {
                        int next = Position + 1 < _data.Length ? _data[Position + 1] : -1;
                        if (next == 0)
                        {
                            Position += 2;
                        }
                        else if (next == 0xFF)
                        {
                            Position++;
                            continue;
                        }
                        else
                        {
                            if (next < 0)
                            {
                                PastEnd = true;
                                Position = _data.Length;
                            }

                            _atMarker = true;
                            b = 0;
                        }
                    }
                }
            }

            Bits |= (ulong)(uint)b << (56 - Count);
            Count += 8;
        }
    }

    private int DecodeSlow(JpegHuffmanTable table)
    {
        int code16 = (int)(Bits >> 48);
        for (int len = JpegHuffmanTable.LookupBits + 1; len <= 16; len++)
        {
            int code = code16 >> (16 - len);
            if (code <= table.MaxCode[len])
            {
                Bits <<= len;
                Count -= len;
                int index = table.ValueOffset[len] + code;
                return (uint)index < 256u ? table.Values[index] : 0;
            }
        }

        return ImageThrow.Invalid<int>("JPEG", "an entropy-coded segment holds a bit pattern that is no Huffman code.");
    }
}
