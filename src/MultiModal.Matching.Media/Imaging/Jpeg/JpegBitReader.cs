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
    private int _pos;
    private ulong _bits;
    private int _count;
    private bool _atMarker;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _pos = position;
    }

    /// <summary>Whether the reader ran past the end of the data (the file is truncated).</summary>
    public bool PastEnd { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeHuffman(JpegHuffmanTable table)
    {
        if (_count < 16)
        {
            Fill();
        }

        int entry = table.Fast[(int)(_bits >> (64 - JpegHuffmanTable.LookupBits))];
        if (entry != 0)
        {
            int len = entry >> 8;
            _bits <<= len;
            _count -= len;
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

        if (_count < n)
        {
            Fill();
        }

        int v = (int)(_bits >> (64 - n));
        _bits <<= n;
        _count -= n;
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
        _bits = 0;
        _count = 0;
        SeekMarker();
        if (_pos + 1 < _data.Length && _data[_pos + 1] is >= 0xD0 and <= 0xD7)
        {
            _pos += 2;
            _atMarker = false;
        }
    }

    /// <summary>After a scan: the position of the next marker (or the end of the data).</summary>
    public int EndScan()
    {
        SeekMarker();
        return _pos;
    }

    private void SeekMarker()
    {
        while (_pos + 1 < _data.Length && !(_data[_pos] == 0xFF && _data[_pos + 1] is not 0x00 and not 0xFF))
        {
            _pos++;
        }

        if (_pos + 1 >= _data.Length)
        {
            _pos = _data.Length;
        }
    }

    private void Fill()
    {
        if (!_atMarker && _pos + 8 <= _data.Length)
        {
            ulong w = BinaryPrimitives.ReadUInt64BigEndian(_data[_pos..]);
            ulong x = ~w;
            if (((x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL) == 0)
            {
                // No 0xFF among the next 8 bytes: no stuffing, no marker; take whole bytes at once.
                int bytes = (64 - _count) >> 3;
                _bits |= (w >> (64 - (bytes * 8))) << (64 - _count - (bytes * 8));
                _pos += bytes;
                _count += bytes * 8;
                return;
            }
        }

        while (_count <= 56)
        {
            int b = 0;
            if (!_atMarker)
            {
                if (_pos >= _data.Length)
                {
                    PastEnd = true;
                    _atMarker = true;
                }
                else
                {
                    b = _data[_pos];
                    if (b != 0xFF)
                    {
                        _pos++;
                    }
                    else
                    {
                        int next = _pos + 1 < _data.Length ? _data[_pos + 1] : -1;
                        if (next == 0)
                        {
                            _pos += 2;
                        }
                        else if (next == 0xFF)
                        {
                            _pos++;
                            continue;
                        }
                        else
                        {
                            if (next < 0)
                            {
                                PastEnd = true;
                                _pos = _data.Length;
                            }

                            _atMarker = true;
                            b = 0;
                        }
                    }
                }
            }

            _bits |= (ulong)(uint)b << (56 - _count);
            _count += 8;
        }
    }

    private int DecodeSlow(JpegHuffmanTable table)
    {
        int code16 = (int)(_bits >> 48);
        for (int len = JpegHuffmanTable.LookupBits + 1; len <= 16; len++)
        {
            int code = code16 >> (16 - len);
            if (code <= table.MaxCode[len])
            {
                _bits <<= len;
                _count -= len;
                int index = table.ValueOffset[len] + code;
                return (uint)index < 256u ? table.Values[index] : 0;
            }
        }

        return ImageThrow.Invalid<int>("JPEG", "an entropy-coded segment holds a bit pattern that is no Huffman code.");
    }
}
