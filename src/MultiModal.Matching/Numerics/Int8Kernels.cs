using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// Exact integer kernels over int8 codes (see <see cref="ScalarQuantizer"/>): Σ aᵢ·bᵢ and Σ (aᵢ − bᵢ)².
/// Codes lie in [−127, 127], so the result fits an int32 for lengths up to 133,000 (dot, |aᵢbᵢ| ≤ 127²) and
/// 33,000 (L2, (aᵢ − bᵢ)² ≤ 254²); lane sums wrap in two's complement, so only the final value must fit.
/// </summary>
/// <remarks>
/// Dispatch, chosen by measurement (docs/benchmarks.md, "Kernels"). Dot: AVX-VNNI VPDPBUSD at 256 bits
/// first (32 products per instruction, no widening), then AVX-512BW widening multiply-add (VPMOVSXBW +
/// VPMADDWD; the two sign-extensions per 32 codes compete for one port). L2: AVX-512BW first (differences need
/// 16 bits, and it widens 32 codes per instruction), then AVX-VNNI VPDPWSSD on 16 widened codes. Then AVX2
/// VPMADDWD; then portable Vector128 widening; otherwise scalar. Tails use one overlapping load with the already-counted lanes masked.
/// Pure functions; safe from any number of threads.
/// </remarks>
internal static partial class Int8Kernels
{
    /// <summary>The longest code rows whose dot product cannot overflow an int32.</summary>
    public const int MaxDotLength = int.MaxValue / (127 * 127);

    /// <summary>The longest code rows whose squared distance cannot overflow an int32.</summary>
    public const int MaxL2Length = int.MaxValue / (254 * 254);

    /// <summary>Σ aᵢ·bᵢ over int8 codes.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        Debug.Assert(a.Length == b.Length && a.Length <= MaxDotLength);
        ref sbyte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        if (AvxVnni.IsSupported && n >= Vector256<sbyte>.Count)
        {
            return DotAvxVnni(ref pa, ref pb, n);
        }

        if (Avx512BW.IsSupported && n >= Vector256<sbyte>.Count)
        {
            return DotAvx512BW(ref pa, ref pb, n);
        }

        if (Avx2.IsSupported && n >= Vector128<sbyte>.Count)
        {
            return DotAvx2(ref pa, ref pb, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<sbyte>.Count)
        {
            return Dot128(ref pa, ref pb, n);
        }

        return DotScalar(ref pa, ref pb, n);
    }

    /// <summary>Σ (aᵢ − bᵢ)² over int8 codes.</summary>
    public static int L2Squared(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        Debug.Assert(a.Length == b.Length && a.Length <= MaxL2Length);
        ref sbyte pa = ref MemoryMarshal.GetReference(a);
        ref sbyte pb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        if (Avx512BW.IsSupported && n >= Vector256<sbyte>.Count)
        {
            return L2SquaredAvx512BW(ref pa, ref pb, n);
        }

        if (AvxVnni.IsSupported && n >= Vector128<sbyte>.Count)
        {
            return L2SquaredAvxVnni(ref pa, ref pb, n);
        }

        if (Avx2.IsSupported && n >= Vector128<sbyte>.Count)
        {
            return L2SquaredAvx2(ref pa, ref pb, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<sbyte>.Count)
        {
            return L2Squared128(ref pa, ref pb, n);
        }

        return L2SquaredScalar(ref pa, ref pb, n);
    }

    /// <summary>Σ aᵢ, the per-vector constant that <see cref="ScalarQuantizer.Dot"/> needs.</summary>
    public static int Sum(ReadOnlySpan<sbyte> a)
    {
        int sum = 0;
        foreach (sbyte x in a)
        {
            sum += x;
        }

        return sum;
    }

    /// <summary>All-ones bytes in lanes ≥ <paramref name="counted"/>: masks the covered part of an overlapping tail load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<sbyte> TailMask256(int counted) =>
        Vector256.GreaterThanOrEqual(Vector256<sbyte>.Indices, Vector256.Create((sbyte)counted));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<sbyte> TailMask128(int counted) =>
        Vector128.GreaterThanOrEqual(Vector128<sbyte>.Indices, Vector128.Create((sbyte)counted));

    internal static int Dot128(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector128<sbyte>.Count;
        nuint len = (nuint)n;
        Vector128<int> acc0 = Vector128<int>.Zero, acc1 = Vector128<int>.Zero;
        nuint i = 0;
        for (; i + w <= len; i += w)
        {
            Accumulate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), ref acc0, ref acc1);
        }

        if (i < len)
        {
            nuint last = len - w;
            Accumulate(Vector128.LoadUnsafe(ref a, last) & TailMask128((int)(i - last)), Vector128.LoadUnsafe(ref b, last), ref acc0, ref acc1);
        }

        return Vector128.Sum(acc0 + acc1);

        static void Accumulate(Vector128<sbyte> x, Vector128<sbyte> y, ref Vector128<int> acc0, ref Vector128<int> acc1)
        {
            (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(x);
            (Vector128<short> yl, Vector128<short> yh) = Vector128.Widen(y);
            // |xᵢ·yᵢ| ≤ 127² fits a short; widen the products before summing.
            (Vector128<int> p0, Vector128<int> p1) = Vector128.Widen(xl * yl);
            (Vector128<int> p2, Vector128<int> p3) = Vector128.Widen(xh * yh);
            acc0 += p0 + p2;
            acc1 += p1 + p3;
        }
    }

    internal static int L2Squared128(ref sbyte a, ref sbyte b, int n)
    {
        nuint w = (nuint)Vector128<sbyte>.Count;
        nuint len = (nuint)n;
        Vector128<int> acc0 = Vector128<int>.Zero, acc1 = Vector128<int>.Zero;
        nuint i = 0;
        for (; i + w <= len; i += w)
        {
            Accumulate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), Vector128<sbyte>.AllBitsSet, ref acc0, ref acc1);
        }

        if (i < len)
        {
            nuint last = len - w;
            Accumulate(Vector128.LoadUnsafe(ref a, last), Vector128.LoadUnsafe(ref b, last), TailMask128((int)(i - last)), ref acc0, ref acc1);
        }

        return Vector128.Sum(acc0 + acc1);

        static void Accumulate(Vector128<sbyte> x, Vector128<sbyte> y, Vector128<sbyte> mask, ref Vector128<int> acc0, ref Vector128<int> acc1)
        {
            // Mask both operands so that covered lanes give 0 − 0.
            (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(x & mask);
            (Vector128<short> yl, Vector128<short> yh) = Vector128.Widen(y & mask);
            Vector128<short> dl = xl - yl, dh = xh - yh;
            // |dᵢ| ≤ 254, dᵢ² ≤ 64,516 overflows a short: widen the differences first.
            (Vector128<int> d0, Vector128<int> d1) = Vector128.Widen(dl);
            (Vector128<int> d2, Vector128<int> d3) = Vector128.Widen(dh);
            acc0 += (d0 * d0) + (d2 * d2);
            acc1 += (d1 * d1) + (d3 * d3);
        }
    }

    internal static int DotScalar(ref sbyte a, ref sbyte b, int n)
    {
        int s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
            s1 += Unsafe.Add(ref a, i + 1) * Unsafe.Add(ref b, i + 1);
        }

        if (i < n)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return s0 + s1;
    }

    internal static int L2SquaredScalar(ref sbyte a, ref sbyte b, int n)
    {
        int s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2)
        {
            int d0 = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            int d1 = Unsafe.Add(ref a, i + 1) - Unsafe.Add(ref b, i + 1);
            s0 += d0 * d0;
            s1 += d1 * d1;
        }

        if (i < n)
        {
            int d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            s0 += d * d;
        }

        return s0 + s1;
    }
}
