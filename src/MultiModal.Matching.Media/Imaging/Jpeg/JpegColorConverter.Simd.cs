using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// YCbCr→RGB 32 pixels at a time (AVX2) or 16 (SSSE3), bit-identical to the table path: each fixed-point product
/// (FIX(k)·c + ½) &gt;&gt; 16 is split into a whole multiple of c plus a 16-bit remainder product, so pmaddwd
/// computes it exactly, and the saturating pack does the range limit. pshufb interleaves R, G, B.
/// </summary>
internal static partial class JpegColorConverter
{
    // FIX(1.402) = 91881 = 65536 + 26345; FIX(1.772) = 116130 = 131072 − 14942;
    // FIX(0.71414) = 46802 = 65536 − 18734; FIX(0.34414) = 22554.
    private const short CrToRRest = 26345;
    private const short CbToBRest = -14942;
    private const short CrToGRest = 18734;
    private const short CbToG = -22554;

    /// <summary>
    /// Converts whole groups of 32 (AVX2) or 16 (SSSE3) pixels, the last group overlapping the one before;
    /// returns the pixels done (0 when the row is shorter than one group or the CPU has neither).
    /// </summary>
    private static int YCbCrToRgbSimd(ref byte ys, ref byte cbs, ref byte crs, ref byte d, int w)
    {
        if (Avx2.IsSupported && w >= 32)
        {
            for (int x = 0; ; x += 32)
            {
                if (x > w - 32)
                {
                    x = w - 32;
                }

                Convert32(ref Unsafe.Add(ref ys, x), ref Unsafe.Add(ref cbs, x), ref Unsafe.Add(ref crs, x), ref Unsafe.Add(ref d, x * 3));
                if (x == w - 32)
                {
                    return w;
                }
            }
        }

        if (!Ssse3.IsSupported || w < 16)
        {
            return 0;
        }

        for (int x = 0; ; x += 16)
        {
            if (x > w - 16)
            {
                x = w - 16;
            }

            Convert16(ref Unsafe.Add(ref ys, x), ref Unsafe.Add(ref cbs, x), ref Unsafe.Add(ref crs, x), ref Unsafe.Add(ref d, x * 3));
            if (x == w - 16)
            {
                return w;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert16(ref byte ys, ref byte cbs, ref byte crs, ref byte d)
    {
        Vector128<byte> yv = Vector128.LoadUnsafe(ref ys), cbv = Vector128.LoadUnsafe(ref cbs), crv = Vector128.LoadUnsafe(ref crs);
        Vector128<short> center = Vector128.Create((short)128);
        Vector128<short> yLo = Sse2.UnpackLow(yv, Vector128<byte>.Zero).AsInt16(), yHi = Sse2.UnpackHigh(yv, Vector128<byte>.Zero).AsInt16();
        Vector128<short> cbLo = Sse2.UnpackLow(cbv, Vector128<byte>.Zero).AsInt16() - center;
        Vector128<short> cbHi = Sse2.UnpackHigh(cbv, Vector128<byte>.Zero).AsInt16() - center;
        Vector128<short> crLo = Sse2.UnpackLow(crv, Vector128<byte>.Zero).AsInt16() - center;
        Vector128<short> crHi = Sse2.UnpackHigh(crv, Vector128<byte>.Zero).AsInt16() - center;
        (Vector128<short> rLo, Vector128<short> gLo, Vector128<short> bLo) = Channels(yLo, cbLo, crLo);
        (Vector128<short> rHi, Vector128<short> gHi, Vector128<short> bHi) = Channels(yHi, cbHi, crHi);
        Vector128<byte> r = Sse2.PackUnsignedSaturate(rLo, rHi);
        Vector128<byte> g = Sse2.PackUnsignedSaturate(gLo, gHi);
        Vector128<byte> b = Sse2.PackUnsignedSaturate(bLo, bHi);

        const byte Z = 0x80;
        Vector128<byte> o0 = Ssse3.Shuffle(r, Vector128.Create(0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, 5))
            | Ssse3.Shuffle(g, Vector128.Create(Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z))
            | Ssse3.Shuffle(b, Vector128.Create(Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z));
        Vector128<byte> o1 = Ssse3.Shuffle(r, Vector128.Create(Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10, Z))
            | Ssse3.Shuffle(g, Vector128.Create(5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10))
            | Ssse3.Shuffle(b, Vector128.Create(Z, 5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z));
        Vector128<byte> o2 = Ssse3.Shuffle(r, Vector128.Create(Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z, Z))
            | Ssse3.Shuffle(g, Vector128.Create(Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z))
            | Ssse3.Shuffle(b, Vector128.Create(10, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15));
        o0.StoreUnsafe(ref d);
        o1.StoreUnsafe(ref d, 16);
        o2.StoreUnsafe(ref d, 32);
    }

    /// <summary>
    /// 32 pixels: every step works within 128-bit lanes, and unpacking then packing within a lane restores the
    /// pixel order, so lane 0 holds pixels 0–15 and lane 1 pixels 16–31 throughout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert32(ref byte ys, ref byte cbs, ref byte crs, ref byte d)
    {
        Vector256<byte> yv = Vector256.LoadUnsafe(ref ys), cbv = Vector256.LoadUnsafe(ref cbs), crv = Vector256.LoadUnsafe(ref crs);
        Vector256<short> center = Vector256.Create((short)128);
        Vector256<short> yLo = Avx2.UnpackLow(yv, Vector256<byte>.Zero).AsInt16(), yHi = Avx2.UnpackHigh(yv, Vector256<byte>.Zero).AsInt16();
        Vector256<short> cbLo = Avx2.UnpackLow(cbv, Vector256<byte>.Zero).AsInt16() - center;
        Vector256<short> cbHi = Avx2.UnpackHigh(cbv, Vector256<byte>.Zero).AsInt16() - center;
        Vector256<short> crLo = Avx2.UnpackLow(crv, Vector256<byte>.Zero).AsInt16() - center;
        Vector256<short> crHi = Avx2.UnpackHigh(crv, Vector256<byte>.Zero).AsInt16() - center;
        Vector256<short> toR = Vector256.Create(0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest);
        Vector256<short> toG = Vector256.Create(CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest);
        Vector256<short> toB = Vector256.Create(CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0);
        Vector256<short> pairsLoLo = Avx2.UnpackLow(cbLo, crLo), pairsLoHi = Avx2.UnpackHigh(cbLo, crLo);
        Vector256<short> pairsHiLo = Avx2.UnpackLow(cbHi, crHi), pairsHiHi = Avx2.UnpackHigh(cbHi, crHi);
        Vector256<byte> r = Avx2.PackUnsignedSaturate(yLo + crLo + Scaled(pairsLoLo, pairsLoHi, toR), yHi + crHi + Scaled(pairsHiLo, pairsHiHi, toR));
        Vector256<byte> g = Avx2.PackUnsignedSaturate(yLo - crLo + Scaled(pairsLoLo, pairsLoHi, toG), yHi - crHi + Scaled(pairsHiLo, pairsHiHi, toG));
        Vector256<byte> b = Avx2.PackUnsignedSaturate(yLo + cbLo + cbLo + Scaled(pairsLoLo, pairsLoHi, toB), yHi + cbHi + cbHi + Scaled(pairsHiLo, pairsHiHi, toB));

        // Lane 0 of o0, o1, o2 is output bytes 0–47 (pixels 0–15), lane 1 bytes 48–95 (pixels 16–31).
        const byte Z = 0x80;
        Vector256<byte> o0 = Avx2.Shuffle(r, Vector256.Create(0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, 5, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, 5))
            | Avx2.Shuffle(g, Vector256.Create(Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z))
            | Avx2.Shuffle(b, Vector256.Create(Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z, Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z));
        Vector256<byte> o1 = Avx2.Shuffle(r, Vector256.Create(Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10, Z, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10, Z))
            | Avx2.Shuffle(g, Vector256.Create(5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10, 5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, 10))
            | Avx2.Shuffle(b, Vector256.Create(Z, 5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z, Z, 5, Z, Z, 6, Z, Z, 7, Z, Z, 8, Z, Z, 9, Z, Z));
        Vector256<byte> o2 = Avx2.Shuffle(r, Vector256.Create(Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z, Z))
            | Avx2.Shuffle(g, Vector256.Create(Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, Z))
            | Avx2.Shuffle(b, Vector256.Create(10, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15, 10, Z, Z, 11, Z, Z, 12, Z, Z, 13, Z, Z, 14, Z, Z, 15));
        Avx2.Permute2x128(o0, o1, 0x20).StoreUnsafe(ref d);
        Avx2.Permute2x128(o2, o0, 0x30).StoreUnsafe(ref d, 32);
        Avx2.Permute2x128(o1, o2, 0x31).StoreUnsafe(ref d, 64);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Scaled(Vector256<short> pairsLo, Vector256<short> pairsHi, Vector256<short> factors)
    {
        Vector256<int> half = Vector256.Create(1 << 15);
        Vector256<int> lo = Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(pairsLo, factors) + half, 16);
        Vector256<int> hi = Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(pairsHi, factors) + half, 16);
        return Avx2.PackSignedSaturate(lo, hi);
    }

    /// <summary>R = Y + Cr' + ⌊(26345·Cr' + ½)⌋, G = Y − Cr' + ⌊(−22554·Cb' + 18734·Cr' + ½)⌋, B = Y + 2·Cb' + ⌊(−14942·Cb' + ½)⌋ (products scaled by 2⁻¹⁶).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<short> R, Vector128<short> G, Vector128<short> B) Channels(Vector128<short> y, Vector128<short> cb, Vector128<short> cr)
    {
        Vector128<short> pairsLo = Sse2.UnpackLow(cb, cr), pairsHi = Sse2.UnpackHigh(cb, cr);
        Vector128<short> toR = Vector128.Create(0, CrToRRest, 0, CrToRRest, 0, CrToRRest, 0, CrToRRest);
        Vector128<short> toG = Vector128.Create(CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest, CbToG, CrToGRest);
        Vector128<short> toB = Vector128.Create(CbToBRest, 0, CbToBRest, 0, CbToBRest, 0, CbToBRest, 0);
        Vector128<short> r = y + cr + Scaled(pairsLo, pairsHi, toR);
        Vector128<short> g = y - cr + Scaled(pairsLo, pairsHi, toG);
        Vector128<short> b = y + cb + cb + Scaled(pairsLo, pairsHi, toB);
        return (r, g, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Scaled(Vector128<short> pairsLo, Vector128<short> pairsHi, Vector128<short> factors)
    {
        Vector128<int> half = Vector128.Create(1 << 15);
        Vector128<int> lo = Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(pairsLo, factors) + half, 16);
        Vector128<int> hi = Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(pairsHi, factors) + half, 16);
        return Sse2.PackSignedSaturate(lo, hi);
    }
}
