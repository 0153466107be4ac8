using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    private static float CosineCore(ref float a, ref float b, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return Cosine512(ref a, ref b, n);
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            return Cosine256(ref a, ref b, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            return Cosine128(ref a, ref b, n);
        }

        return CosineScalar(ref a, ref b, n);
    }

    /// <summary>
    /// The scalar cosine, two elements per step into two sets of sums, so that six add chains run side by side
    /// instead of three (one chain per sum left every step waiting on the previous add's latency). The operands are
    /// reached by advancing the references rather than by an int index, which the JIT sign-extends on every load.
    /// </summary>
    private static float CosineScalar(ref float a, ref float b, int n)
    {
        float ab0 = 0, aa0 = 0, bb0 = 0, ab1 = 0, aa1 = 0, bb1 = 0;
        ref float end = ref Unsafe.Add(ref a, n & ~1);
        while (Unsafe.IsAddressLessThan(ref a, ref end))
        {
            float x0 = a, y0 = b;
            float x1 = Unsafe.Add(ref a, 1), y1 = Unsafe.Add(ref b, 1);
            ab0 += x0 * y0;
            aa0 += x0 * x0;
            bb0 += y0 * y0;
            ab1 += x1 * y1;
            aa1 += x1 * x1;
            bb1 += y1 * y1;
            a = ref Unsafe.Add(ref a, 2);
            b = ref Unsafe.Add(ref b, 2);
        }

        if ((n & 1) != 0)
        {
            float x = a, y = b;
            ab0 += x * y;
            aa0 += x * x;
            bb0 += y * y;
        }

        return CosineFromSums(ab0 + ab1, aa0 + aa1, bb0 + bb1);
    }

    private static float Cosine512(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> ab0 = Vector512<float>.Zero, aa0 = Vector512<float>.Zero, bb0 = Vector512<float>.Zero;
        Vector512<float> ab1 = Vector512<float>.Zero, aa1 = Vector512<float>.Zero, bb1 = Vector512<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref a, i), y0 = Vector512.LoadUnsafe(ref b, i);
            Vector512<float> x1 = Vector512.LoadUnsafe(ref a, i + w), y1 = Vector512.LoadUnsafe(ref b, i + w);
            ab0 = Vector512.MultiplyAddEstimate(x0, y0, ab0);
            aa0 = Vector512.MultiplyAddEstimate(x0, x0, aa0);
            bb0 = Vector512.MultiplyAddEstimate(y0, y0, bb0);
            ab1 = Vector512.MultiplyAddEstimate(x1, y1, ab1);
            aa1 = Vector512.MultiplyAddEstimate(x1, x1, aa1);
            bb1 = Vector512.MultiplyAddEstimate(y1, y1, bb1);
        }

        if (i + w <= len)
        {
            Vector512<float> x = Vector512.LoadUnsafe(ref a, i), y = Vector512.LoadUnsafe(ref b, i);
            ab0 = Vector512.MultiplyAddEstimate(x, y, ab0);
            aa0 = Vector512.MultiplyAddEstimate(x, x, aa0);
            bb0 = Vector512.MultiplyAddEstimate(y, y, bb0);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> mask = TailMask512((int)(i - last));
            Vector512<float> x = Vector512.LoadUnsafe(ref a, last) & mask, y = Vector512.LoadUnsafe(ref b, last) & mask;
            ab1 = Vector512.MultiplyAddEstimate(x, y, ab1);
            aa1 = Vector512.MultiplyAddEstimate(x, x, aa1);
            bb1 = Vector512.MultiplyAddEstimate(y, y, bb1);
        }

        return CosineFromSums(Vector512.Sum(ab0 + ab1), Vector512.Sum(aa0 + aa1), Vector512.Sum(bb0 + bb1));
    }

    private static float Cosine256(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector256<float>.Count;
        nuint len = (nuint)n;
        Vector256<float> ab0 = Vector256<float>.Zero, aa0 = Vector256<float>.Zero, bb0 = Vector256<float>.Zero;
        Vector256<float> ab1 = Vector256<float>.Zero, aa1 = Vector256<float>.Zero, bb1 = Vector256<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector256<float> x0 = Vector256.LoadUnsafe(ref a, i), y0 = Vector256.LoadUnsafe(ref b, i);
            Vector256<float> x1 = Vector256.LoadUnsafe(ref a, i + w), y1 = Vector256.LoadUnsafe(ref b, i + w);
            ab0 = Vector256.MultiplyAddEstimate(x0, y0, ab0);
            aa0 = Vector256.MultiplyAddEstimate(x0, x0, aa0);
            bb0 = Vector256.MultiplyAddEstimate(y0, y0, bb0);
            ab1 = Vector256.MultiplyAddEstimate(x1, y1, ab1);
            aa1 = Vector256.MultiplyAddEstimate(x1, x1, aa1);
            bb1 = Vector256.MultiplyAddEstimate(y1, y1, bb1);
        }

        if (i + w <= len)
        {
            Vector256<float> x = Vector256.LoadUnsafe(ref a, i), y = Vector256.LoadUnsafe(ref b, i);
            ab0 = Vector256.MultiplyAddEstimate(x, y, ab0);
            aa0 = Vector256.MultiplyAddEstimate(x, x, aa0);
            bb0 = Vector256.MultiplyAddEstimate(y, y, bb0);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<float> mask = TailMask256((int)(i - last));
            Vector256<float> x = Vector256.LoadUnsafe(ref a, last) & mask, y = Vector256.LoadUnsafe(ref b, last) & mask;
            ab1 = Vector256.MultiplyAddEstimate(x, y, ab1);
            aa1 = Vector256.MultiplyAddEstimate(x, x, aa1);
            bb1 = Vector256.MultiplyAddEstimate(y, y, bb1);
        }

        return CosineFromSums(Vector256.Sum(ab0 + ab1), Vector256.Sum(aa0 + aa1), Vector256.Sum(bb0 + bb1));
    }

    private static float Cosine128(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector128<float>.Count;
        nuint len = (nuint)n;
        Vector128<float> ab0 = Vector128<float>.Zero, aa0 = Vector128<float>.Zero, bb0 = Vector128<float>.Zero;
        Vector128<float> ab1 = Vector128<float>.Zero, aa1 = Vector128<float>.Zero, bb1 = Vector128<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            Vector128<float> x0 = Vector128.LoadUnsafe(ref a, i), y0 = Vector128.LoadUnsafe(ref b, i);
            Vector128<float> x1 = Vector128.LoadUnsafe(ref a, i + w), y1 = Vector128.LoadUnsafe(ref b, i + w);
            ab0 = Vector128.MultiplyAddEstimate(x0, y0, ab0);
            aa0 = Vector128.MultiplyAddEstimate(x0, x0, aa0);
            bb0 = Vector128.MultiplyAddEstimate(y0, y0, bb0);
            ab1 = Vector128.MultiplyAddEstimate(x1, y1, ab1);
            aa1 = Vector128.MultiplyAddEstimate(x1, x1, aa1);
            bb1 = Vector128.MultiplyAddEstimate(y1, y1, bb1);
        }

        if (i + w <= len)
        {
            Vector128<float> x = Vector128.LoadUnsafe(ref a, i), y = Vector128.LoadUnsafe(ref b, i);
            ab0 = Vector128.MultiplyAddEstimate(x, y, ab0);
            aa0 = Vector128.MultiplyAddEstimate(x, x, aa0);
            bb0 = Vector128.MultiplyAddEstimate(y, y, bb0);
            i += w;
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector128<float> mask = TailMask128((int)(i - last));
            Vector128<float> x = Vector128.LoadUnsafe(ref a, last) & mask, y = Vector128.LoadUnsafe(ref b, last) & mask;
            ab1 = Vector128.MultiplyAddEstimate(x, y, ab1);
            aa1 = Vector128.MultiplyAddEstimate(x, x, aa1);
            bb1 = Vector128.MultiplyAddEstimate(y, y, bb1);
        }

        return CosineFromSums(Vector128.Sum(ab0 + ab1), Vector128.Sum(aa0 + aa1), Vector128.Sum(bb0 + bb1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float CosineFromSums(float ab, float aa, float bb)
    {
        if (aa == 0 || bb == 0)
        {
            return 0;
        }

        // The norms' product in double cannot overflow; rounding may push |cos| a hair past 1, so clamp.
        double cos = ab / Math.Sqrt((double)aa * bb);
        return (float)Math.Clamp(cos, -1.0, 1.0);
    }
}
