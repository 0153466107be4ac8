using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>Progressive AC passes (ITU T.81 G.1.2), following libjpeg's decode_mcu_AC_first / _refine.</summary>
internal static partial class JpegScanDecoder
{
    private static void DecodeAcFirst(JpegScan scan, JpegHuffmanTable ac, scoped Span<short> coefs, scoped ref JpegBitReader reader, ref ScanState state)
    {
        if (state.EobRun > 0)
        {
            state.EobRun--;
            return;
        }

        for (int k = scan.Ss; k <= scan.Se; k++)
        {
            int rs = reader.DecodeHuffman(ac);
            int r = rs >> 4, s = rs & 15;
            if (s != 0)
            {
                k += r;
                if (k > scan.Se)
                {
                    ImageThrow.Invalid("JPEG", "a progressive AC run passes the end of the spectral band.");
                }

                coefs[ZigZag[k]] = (short)(reader.Receive(s) * (1 << scan.Al));
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                state.EobRun = (1 << r) - 1;
                if (r > 0)
                {
                    state.EobRun += reader.GetBits(r);
                }

                break;
            }
        }
    }

    /// <summary>
    /// AC refinement. The bit buffer is held in locals (refinement reads one bit per already non-zero
    /// coefficient, so this is the hot loop of progressive files) and written back around every refill.
    /// </summary>
    private static void DecodeAcRefine(JpegScan scan, JpegHuffmanTable ac, scoped Span<short> coefs, scoped ref JpegBitReader reader, ref ScanState state)
    {
        int p1 = 1 << scan.Al;
        int m1 = -1 << scan.Al;
        int k = scan.Ss;
        int se = scan.Se;
        ref short co = ref MemoryMarshal.GetReference(coefs);
        ref byte zigZag = ref MemoryMarshal.GetArrayDataReference(ZigZag);
        ulong bits = reader.Bits;
        int count = reader.Count;
        if (state.EobRun == 0)
        {
            for (; k <= se; k++)
            {
                if (count < 32)
                {
                    (bits, count) = Refill(ref reader, bits, count);
                }

                int entry = ac.Fast[(int)(bits >> (64 - JpegHuffmanTable.LookupBits))];
                if (entry == 0)
                {
                    entry = DecodeLongCode(ac, bits);
                }

                bits <<= entry >> 8;
                count -= entry >> 8;
                int r = (entry >> 4) & 15, s = entry & 15;
                if (s != 0)
                {
                    if (s != 1)
                    {
                        ImageThrow.Invalid("JPEG", "a progressive refinement code has a magnitude other than 1.");
                    }

                    s = (long)bits < 0 ? p1 : m1;
                    bits <<= 1;
                    count--;
                }
                else if (r != 15)
                {
                    state.EobRun = 1 << r;
                    if (r > 0)
                    {
                        state.EobRun += (int)(bits >> (64 - r));
                        bits <<= r;
                        count -= r;
                    }

                    break;
                }

                do
                {
                    ref short coef = ref Unsafe.Add(ref co, Unsafe.Add(ref zigZag, k));
                    if (coef != 0)
                    {
                        if (count == 0)
                        {
                            (bits, count) = Refill(ref reader, bits, count);
                        }

                        bool bit = (long)bits < 0;
                        bits <<= 1;
                        count--;
                        if (bit && (coef & p1) == 0)
                        {
                            coef = (short)(coef >= 0 ? coef + p1 : coef + m1);
                        }
                    }
                    else
                    {
                        if (--r < 0)
                        {
                            break;
                        }
                    }

                    k++;
                }
                while (k <= se);

                if (s != 0 && k <= se)
                {
                    Unsafe.Add(ref co, Unsafe.Add(ref zigZag, k)) = (short)s;
                }
            }
        }

        if (state.EobRun > 0)
        {
            // Inside an end-of-band run only non-zero coefficients read bits; a block without any has nothing to do.
            Vector256<short> acAny = (Vector256.LoadUnsafe(ref co) & Vector256.Create(0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1))
                | Vector256.LoadUnsafe(ref co, 16) | Vector256.LoadUnsafe(ref co, 32) | Vector256.LoadUnsafe(ref co, 48);
            if (acAny == Vector256<short>.Zero)
            {
                k = se + 1;
            }

            for (; k <= se; k++)
            {
                ref short coef = ref Unsafe.Add(ref co, Unsafe.Add(ref zigZag, k));
                if (coef != 0)
                {
                    if (count == 0)
                    {
                        (bits, count) = Refill(ref reader, bits, count);
                    }

                    bool bit = (long)bits < 0;
                    bits <<= 1;
                    count--;
                    if (bit && (coef & p1) == 0)
                    {
                        coef = (short)(coef >= 0 ? coef + p1 : coef + m1);
                    }
                }
            }

            state.EobRun--;
        }

        (reader.Bits, reader.Count) = (bits, count);
    }

    /// <summary>Tops up the caller's local bit buffer through <paramref name="reader"/> (stuffing, markers, end of data).</summary>
    private static (ulong Bits, int Count) Refill(scoped ref JpegBitReader reader, ulong bits, int count)
    {
        (reader.Bits, reader.Count) = (bits, count);
        reader.Fill();
        return (reader.Bits, reader.Count);
    }
}
