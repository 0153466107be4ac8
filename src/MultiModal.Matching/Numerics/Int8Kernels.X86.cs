using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Numerics;

/// <summary>The x86 paths of <see cref="Int8Kernels"/>; each requires n ≥ one input vector and its ISA.</summary>
internal static partial class Int8Kernels
{
    /// <summary>AVX-512BW: sign-extend 32 codes to 32 shorts (VPMOVSXBW), then VPMADDWD into 16 int32 lanes.</summary>
    internal static int DotAvx512BW(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector256<sbyte>.Count;
        nuint len = (nuint)n;
        Vector512<int> acc0 = Vector512<int>.Zero, acc1 = Vector512<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            acc0 += Avx512BW.MultiplyAddAdjacent(Widen512(ref a, i), Widen512(ref b, i));
            acc1 += Avx512BW.MultiplyAddAdjacent(Widen512(ref a, i + w), Widen512(ref b, i + w));
        }

        if (i + w <= len)
        {
            acc0 += Avx512BW.MultiplyAddAdjacent(Widen512(ref a, i), Widen512(ref b, i));
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<sbyte> x = Vector256.LoadUnsafe(ref a, last) & TailMask256((int)(i - last));
            acc1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(x), Widen512(ref b, last));
        }

        return Vector512.Sum(acc0 + acc1);
    }

    /// <summary>AVX-512BW: widen, subtract in 16 bits (|d| ≤ 254), VPMADDWD(d, d) into int32 lanes.</summary>
    internal static int L2SquaredAvx512BW(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector256<sbyte>.Count;
        nuint len = (nuint)n;
        Vector512<int> acc0 = Vector512<int>.Zero, acc1 = Vector512<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector512<short> d0 = Widen512(ref a, i) - Widen512(ref b, i);
            Vector512<short> d1 = Widen512(ref a, i + w) - Widen512(ref b, i + w);
            acc0 += Avx512BW.MultiplyAddAdjacent(d0, d0);
            acc1 += Avx512BW.MultiplyAddAdjacent(d1, d1);
        }

        if (i + w <= len)
        {
            Vector512<short> d = Widen512(ref a, i) - Widen512(ref b, i);
            acc0 += Avx512BW.MultiplyAddAdjacent(d, d);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<short> d = (Widen512(ref a, last) - Widen512(ref b, last)) & Avx512BW.ConvertToVector512Int16(TailMask256((int)(i - last)));
            acc1 += Avx512BW.MultiplyAddAdjacent(d, d);
        }

        return Vector512.Sum(acc0 + acc1);
    }

    /// <summary>
    /// AVX-VNNI (256-bit): VPDPBUSD multiplies unsigned by signed bytes, so one operand is biased to
    /// aᵢ + 128 (an XOR of the sign bit) and the bias is removed with 128·Σ bᵢ, itself a VPDPBUSD of a
    /// constant 128 by b. Σ aᵢbᵢ = Σ (aᵢ + 128)·bᵢ − 128·Σ bᵢ.
    /// </summary>
    internal static int DotAvxVnni(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector256<sbyte>.Count;
        nuint len = (nuint)n;
        Vector256<byte> bias = Vector256.Create((byte)0x80);
        Vector256<int> acc0 = Vector256<int>.Zero, acc1 = Vector256<int>.Zero;
        Vector256<int> cor0 = Vector256<int>.Zero, cor1 = Vector256<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector256<sbyte> y0 = Vector256.LoadUnsafe(ref b, i), y1 = Vector256.LoadUnsafe(ref b, i + w);
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref a, i).AsByte() ^ bias, y0);
            cor0 = AvxVnni.MultiplyWideningAndAdd(cor0, bias, y0);
            acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Vector256.LoadUnsafe(ref a, i + w).AsByte() ^ bias, y1);
            cor1 = AvxVnni.MultiplyWideningAndAdd(cor1, bias, y1);
        }

        if (i + w <= len)
        {
            Vector256<sbyte> y = Vector256.LoadUnsafe(ref b, i);
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref a, i).AsByte() ^ bias, y);
            cor0 = AvxVnni.MultiplyWideningAndAdd(cor0, bias, y);
            i += w;
        }

        if (i < len)
        {
            // Zeroing b's covered lanes removes them from both the product and the correction.
            nuint last = len - w;
            Vector256<sbyte> y = Vector256.LoadUnsafe(ref b, last) & TailMask256((int)(i - last));
            acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Vector256.LoadUnsafe(ref a, last).AsByte() ^ bias, y);
            cor1 = AvxVnni.MultiplyWideningAndAdd(cor1, bias, y);
        }

        return Vector256.Sum((acc0 + acc1) - (cor0 + cor1));
    }

    /// <summary>AVX-VNNI (256-bit): widen 16 codes to shorts, subtract, VPDPWSSD(d, d) accumulates in one instruction.</summary>
    internal static int L2SquaredAvxVnni(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector128<sbyte>.Count;
        nuint len = (nuint)n;
        Vector256<int> acc0 = Vector256<int>.Zero, acc1 = Vector256<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector256<short> d0 = Widen256(ref a, i) - Widen256(ref b, i);
            Vector256<short> d1 = Widen256(ref a, i + w) - Widen256(ref b, i + w);
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, d0, d0);
            acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, d1, d1);
        }

        if (i + w <= len)
        {
            Vector256<short> d = Widen256(ref a, i) - Widen256(ref b, i);
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, d, d);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<short> d = (Widen256(ref a, last) - Widen256(ref b, last)) & Avx2.ConvertToVector256Int16(TailMask128((int)(i - last)));
            acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, d, d);
        }

        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>AVX2: widen 16 codes to shorts (VPMOVSXBW), VPMADDWD into int32 lanes.</summary>
    internal static int DotAvx2(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector128<sbyte>.Count;
        nuint len = (nuint)n;
        Vector256<int> acc0 = Vector256<int>.Zero, acc1 = Vector256<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            acc0 += Avx2.MultiplyAddAdjacent(Widen256(ref a, i), Widen256(ref b, i));
            acc1 += Avx2.MultiplyAddAdjacent(Widen256(ref a, i + w), Widen256(ref b, i + w));
        }

        if (i + w <= len)
        {
            acc0 += Avx2.MultiplyAddAdjacent(Widen256(ref a, i), Widen256(ref b, i));
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector128<sbyte> x = Vector128.LoadUnsafe(ref a, last) & TailMask128((int)(i - last));
            acc1 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(x), Widen256(ref b, last));
        }

        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>AVX2: widen, subtract, VPMADDWD(d, d).</summary>
    internal static int L2SquaredAvx2(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector128<sbyte>.Count;
        nuint len = (nuint)n;
        Vector256<int> acc0 = Vector256<int>.Zero, acc1 = Vector256<int>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector256<short> d0 = Widen256(ref a, i) - Widen256(ref b, i);
            Vector256<short> d1 = Widen256(ref a, i + w) - Widen256(ref b, i + w);
            acc0 += Avx2.MultiplyAddAdjacent(d0, d0);
            acc1 += Avx2.MultiplyAddAdjacent(d1, d1);
        }

        if (i + w <= len)
        {
            Vector256<short> d = Widen256(ref a, i) - Widen256(ref b, i);
            acc0 += Avx2.MultiplyAddAdjacent(d, d);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<short> d = (Widen256(ref a, last) - Widen256(ref b, last)) & Avx2.ConvertToVector256Int16(TailMask128((int)(i - last)));
            acc1 += Avx2.MultiplyAddAdjacent(d, d);
        }

        return Vector256.Sum(acc0 + acc1);
    }

    private static Vector512<short> Widen512(ref sbyte p, nuint i) => Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref p, i));

    private static Vector256<short> Widen256(ref sbyte p, nuint i) => Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p, i));
}
