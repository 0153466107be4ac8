using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// Sequential (baseline / extended Huffman) scans: one loop over the MCUs with the bit buffer in locals,
/// so it lives in registers. The buffer is refilled 8 bytes at a time straight from the data while those
/// bytes hold no 0xFF; stuffing, markers and the end of the data go through <see cref="JpegBitReader.Fill"/>.
/// Short AC codes and their magnitude bits decode in one probe of <see cref="JpegHuffmanTable.FastAc"/>.
/// The bit stream read is exactly <see cref="JpegBitReader"/>'s, only buffered further ahead.
/// </summary>
internal static partial class JpegScanDecoder
{
    /// <summary>A code and its magnitude bits take at most 16 + 16 bits; refill below this.</summary>
    private const int RefillBelow = 32;

    private static void DecodeSequentialScan(JpegFrame frame, JpegScan scan, int restartInterval, scoped ref JpegBitReader reader)
    {
        JpegComponent[] comps = scan.Components;
        bool single = comps.Length == 1;

        // The blocks of one unit (an MCU, or one block in a single-component scan): component and offset in blocks.
        // Inline arrays rather than stackalloc, so the method stays eligible for tiering and dynamic PGO.
        UnitInts compBuffer = default, dxBuffer = default, dyBuffer = default;
        Span<int> blockComp = compBuffer, blockDx = dxBuffer, blockDy = dyBuffer;
        int blocksPerUnit = 0;
        for (int ci = 0; ci < comps.Length; ci++)
        {
            JpegComponent c = comps[ci];
            int h = single ? 1 : c.H, v = single ? 1 : c.V;
            for (int y = 0; y < v; y++)
            {
                for (int x = 0; x < h; x++)
                {
                    blockComp[blocksPerUnit] = ci;
                    blockDx[blocksPerUnit] = x;
                    blockDy[blocksPerUnit] = y;
                    blocksPerUnit++;
                }
            }
        }

        int unitsPerLine = single ? comps[0].UsedBlocksPerLine : frame.McusPerLine;
        int units = unitsPerLine * (single ? comps[0].UsedBlockRows : frame.McuRows);

        UnitInts predictorBuffer = default;
        Span<int> predictors = predictorBuffer;
        BlockCoefficients blockBuffer = default;
        Span<short> block = blockBuffer;
        ref short blk = ref MemoryMarshal.GetReference(block);
        ref byte zigZag = ref MemoryMarshal.GetArrayDataReference(ZigZag);
        ReadOnlySpan<byte> data = reader.Data;
        ulong bits = reader.Bits;
        int count = reader.Count;
        int pos = reader.Position;
        int directEnd = reader.AtMarker ? -1 : data.Length - 8;
        int restartsLeft = restartInterval;

        for (int u = 0; u < units; u++)
        {
            if (restartInterval != 0)
            {
                if (restartsLeft == 0)
                {
                    (reader.Bits, reader.Count, reader.Position) = (bits, count, pos);
                    reader.Restart();
                    (bits, count, pos, directEnd) = (reader.Bits, reader.Count, reader.Position, reader.AtMarker ? -1 : data.Length - 8);
                    predictors.Clear();
                    restartsLeft = restartInterval;
                }

                restartsLeft--;
            }

            int ux = u % unitsPerLine, uy = u / unitsPerLine;
            for (int b = 0; b < blocksPerUnit; b++)
            {
                int ci = blockComp[b];
                JpegComponent c = comps[ci];
                JpegHuffmanTable dc = scan.DcTables[ci]!, ac = scan.AcTables[ci]!;

                // DC: category, then that many magnitude bits.
                if (count < RefillBelow && !(pos <= directEnd && TryLoad8(data, ref pos, ref bits, ref count)))
                {
                    (reader.Bits, reader.Count, reader.Position) = (bits, count, pos);
                    reader.Fill();
                    (bits, count, pos, directEnd) = (reader.Bits, reader.Count, reader.Position, reader.AtMarker ? -1 : data.Length - 8);
                }

                int entry = dc.Fast[(int)(bits >> (64 - JpegHuffmanTable.LookupBits))];
                if (entry == 0)
                {
                    entry = DecodeLongCode(dc, bits);
                }

                bits <<= entry >> 8;
                count -= entry >> 8;
                int t = entry & 0xFF;
                if (t > 16)
                {
                    ThrowDcCategory(t);
                }

                if (t != 0)
                {
                    int diff = (int)(bits >> (64 - t));
                    bits <<= t;
                    count -= t;
                    predictors[ci] += Extend(diff, t);
                }

                blk = (short)predictors[ci];

                // AC: run/size symbols until end of block.
                ref int fastAc = ref MemoryMarshal.GetArrayDataReference(ac.FastAc);
                ref ushort fast = ref MemoryMarshal.GetArrayDataReference(ac.Fast);
                int k = 1;
                while (k < 64)
                {
                    if (count < RefillBelow && !(pos <= directEnd && TryLoad8(data, ref pos, ref bits, ref count)))
                    {
                        (reader.Bits, reader.Count, reader.Position) = (bits, count, pos);
                        reader.Fill();
                        (bits, count, pos, directEnd) = (reader.Bits, reader.Count, reader.Position, reader.AtMarker ? -1 : data.Length - 8);
                    }

                    int index = (int)(bits >> (64 - JpegHuffmanTable.LookupBits));
                    int e = Unsafe.Add(ref fastAc, index);
                    if (e != 0)
                    {
                        int length = e & 0xFF;
                        bits <<= length;
                        count -= length;
                        k += (e >> 8) & 0xFF;
                        if (k > 63)
                        {
                            ThrowRunPastEnd();
                        }

                        Unsafe.Add(ref blk, Unsafe.Add(ref zigZag, k)) = (short)(e >> 16);
                        k++;
                        continue;
                    }

                    int symbol = Unsafe.Add(ref fast, index);
                    if (symbol == 0)
                    {
                        symbol = DecodeLongCode(ac, bits);
                    }

                    bits <<= symbol >> 8;
                    count -= symbol >> 8;
                    int r = (symbol >> 4) & 15, s = symbol & 15;
                    if (s == 0)
                    {
                        if (r != 15)
                        {
                            break;
                        }

                        k += 16;
                        continue;
                    }

                    k += r;
                    if (k > 63)
                    {
                        ThrowRunPastEnd();
                    }

                    int value = (int)(bits >> (64 - s));
                    bits <<= s;
                    count -= s;
                    Unsafe.Add(ref blk, Unsafe.Add(ref zigZag, k)) = (short)Extend(value, s);
                    k++;
                }

                int stride = c.PlaneStride;
                int bx = single ? ux : (ux * c.H) + blockDx[b];
                int by = single ? uy : (uy * c.V) + blockDy[b];
                Span<byte> destination = c.Plane.AsSpan((by * 8 * stride) + (bx * 8));
                if (k == 1)
                {
                    // End of block straight after the DC: a flat block (Transform's own DC-only case, without the scan of the block).
                    JpegIdct.FillDc(blk, c.Quant![0], destination, stride);
                    blk = 0;
                }
                else
                {
                    JpegIdct.Transform(block, c.Quant!, destination, stride);
                    block.Clear();
                }
            }
        }

        (reader.Bits, reader.Count, reader.Position) = (bits, count, pos);
    }

    /// <summary>JPEG's EXTEND: the <paramref name="size"/>-bit magnitude <paramref name="v"/> as a signed value (size ≥ 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extend(int v, int size) => v + (((v - (1 << (size - 1))) >> 31) & ((-1 << size) + 1));

    /// <summary>Loads whole bytes from the next 8 (<paramref name="pos"/> ≤ length − 8) when none of them is 0xFF (no stuffing, no marker).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryLoad8(ReadOnlySpan<byte> data, ref int pos, ref ulong bits, ref int count)
    {
        Debug.Assert((uint)pos <= (uint)(data.Length - 8), "the caller checks that 8 bytes remain");
        ulong w = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(data), pos)));
        ulong x = ~w;
        if (((x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL) != 0)
        {
            return false;
        }

        int bytes = (64 - count) >> 3;
        bits |= (w >> (64 - (bytes * 8))) << (64 - count - (bytes * 8));
        pos += bytes;
        count += bytes * 8;
        return true;
    }

    /// <summary>A code longer than the lookup bits: (length &lt;&lt; 8) | symbol, as the fast tables hold them.</summary>
    private static int DecodeLongCode(JpegHuffmanTable table, ulong bits)
    {
        int code16 = (int)(bits >> 48);
        for (int len = JpegHuffmanTable.LookupBits + 1; len <= 16; len++)
        {
            int code = code16 >> (16 - len);
            if (code <= table.MaxCode[len])
            {
                int index = table.ValueOffset[len] + code;
                return (len << 8) | ((uint)index < 256u ? table.Values[index] : 0);
            }
        }

        return ImageThrow.Invalid<int>("JPEG", "an entropy-coded segment holds a bit pattern that is no Huffman code.");
    }

    private static void ThrowDcCategory(int t) => ImageThrow.Invalid("JPEG", $"DC difference category {t} is out of range.");

    private static void ThrowRunPastEnd() => ImageThrow.Invalid("JPEG", "an AC run passes the end of the block.");

    [InlineArray(64)]
    private struct BlockCoefficients
    {
        private short _element;
    }

    /// <summary>Per-block facts of one MCU (at most 10 blocks), or the 4 DC predictors.</summary>
    [InlineArray(10)]
    private struct UnitInts
    {
        private int _element;
    }
}
