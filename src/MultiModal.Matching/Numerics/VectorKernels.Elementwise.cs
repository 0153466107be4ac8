using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    private static bool AllFiniteCore(ref float a, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return AllFinite512(ref a, n);
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            return AllFinite256(ref a, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            return AllFinite128(ref a, n);
        }

        for (int i = 0; i < n; i++)
        {
            if (!float.IsFinite(Unsafe.Add(ref a, i)))
            {
                return false;
            }
        }

        return true;
    }

    private static void AffineCore(ref float a, int n, float scale, float offset)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            Affine512(ref a, n, scale, offset);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            Affine256(ref a, n, scale, offset);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            Affine128(ref a, n, scale, offset);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            ref float x = ref Unsafe.Add(ref a, i);
            x = (x * scale) + offset;
        }
    }

    private static bool AllFinite512(ref float a, int n)
    {
        // x·0 is 0 for finite x and NaN for NaN or ±∞, so one bad component leaves a NaN lane behind.
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            acc0 += Vector512.LoadUnsafe(ref a, i) * Vector512<float>.Zero;
            acc1 += Vector512.LoadUnsafe(ref a, i + w) * Vector512<float>.Zero;
        }

        if (i + w <= len)
        {
            acc1 += Vector512.LoadUnsafe(ref a, i) * Vector512<float>.Zero;
            i += w;
        }

        // The overlapping last vector re-checks a few components, which is harmless here.
        acc0 += Vector512.LoadUnsafe(ref a, i < len ? len - w : 0) * Vector512<float>.Zero;
        return Vector512.EqualsAll(acc0 + acc1, Vector512<float>.Zero);
    }

    private static bool AllFinite256(ref float a, int n)
    {
        // x·0 is 0 for finite x and NaN for NaN or ±∞, so one bad component leaves a NaN lane behind.
        nuint w = (nuint)Vector256<float>.Count;
        nuint len = (nuint)n;
        Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            acc0 += Vector256.LoadUnsafe(ref a, i) * Vector256<float>.Zero;
            acc1 += Vector256.LoadUnsafe(ref a, i + w) * Vector256<float>.Zero;
        }

        if (i + w <= len)
        {
            acc1 += Vector256.LoadUnsafe(ref a, i) * Vector256<float>.Zero;
            i += w;
        }

        // The overlapping last vector re-checks a few components, which is harmless here.
        acc0 += Vector256.LoadUnsafe(ref a, i < len ? len - w : 0) * Vector256<float>.Zero;
        return Vector256.EqualsAll(acc0 + acc1, Vector256<float>.Zero);
    }

    private static bool AllFinite128(ref float a, int n)
    {
        // x·0 is 0 for finite x and NaN for NaN or ±∞, so one bad component leaves a NaN lane behind.
        nuint w = (nuint)Vector128<float>.Count;
        nuint len = (nuint)n;
        Vector128<float> acc0 = Vector128<float>.Zero, acc1 = Vector128<float>.Zero;
        nuint i = 0;
        for (; i + (2 * w) <= len; i += 2 * w)
        {
            acc0 += Vector128.LoadUnsafe(ref a, i) * Vector128<float>.Zero;
            acc1 += Vector128.LoadUnsafe(ref a, i + w) * Vector128<float>.Zero;
        }

        if (i + w <= len)
        {
            acc1 += Vector128.LoadUnsafe(ref a, i) * Vector128<float>.Zero;
            i += w;
        }

        // The overlapping last vector re-checks a few components, which is harmless here.
        acc0 += Vector128.LoadUnsafe(ref a, i < len ? len - w : 0) * Vector128<float>.Zero;
        return Vector128.EqualsAll(acc0 + acc1, Vector128<float>.Zero);
    }

    private static void Affine512(ref float a, int n, float scale, float offset)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> s = Vector512.Create(scale), o = Vector512.Create(offset);
        // Load the overlapping last vector before anything is written, so the tail is transformed once.
        nuint last = len - w;
        Vector512<float> tail = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, last), s, o);
        for (nuint i = 0; i < last; i += w)
        {
            Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), s, o).StoreUnsafe(ref a, i);
        }

        tail.StoreUnsafe(ref a, last);
    }

    private static void Affine256(ref float a, int n, float scale, float offset)
    {
        nuint w = (nuint)Vector256<float>.Count;
        nuint len = (nuint)n;
        Vector256<float> s = Vector256.Create(scale), o = Vector256.Create(offset);
        // Load the overlapping last vector before anything is written, so the tail is transformed once.
        nuint last = len - w;
        Vector256<float> tail = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, last), s, o);
        for (nuint i = 0; i < last; i += w)
        {
            Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), s, o).StoreUnsafe(ref a, i);
        }

        tail.StoreUnsafe(ref a, last);
    }

    private static void Affine128(ref float a, int n, float scale, float offset)
    {
        nuint w = (nuint)Vector128<float>.Count;
        nuint len = (nuint)n;
        Vector128<float> s = Vector128.Create(scale), o = Vector128.Create(offset);
        // Load the overlapping last vector before anything is written, so the tail is transformed once.
        nuint last = len - w;
        Vector128<float> tail = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, last), s, o);
        for (nuint i = 0; i < last; i += w)
        {
            Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), s, o).StoreUnsafe(ref a, i);
        }

        tail.StoreUnsafe(ref a, last);
    }
}
