using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero, acc2 = Vector512<float>.Zero, acc3 = Vector512<float>.Zero;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            acc0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + w), Vector512.LoadUnsafe(ref b, i + w), acc1);
            acc2 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (2 * w)), Vector512.LoadUnsafe(ref b, i + (2 * w)), acc2);
            acc3 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i + (3 * w)), Vector512.LoadUnsafe(ref b, i + (3 * w)), acc3);
        }

        for (; i + w <= len; i += w)
        {
            acc0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> mask = TailMask512((int)(i - last));
            acc1 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, last) & mask, Vector512.LoadUnsafe(ref b, last), acc1);
        }

        return Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot256(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector256<float>.Count;
        nuint len = (nuint)n;
        Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero, acc2 = Vector256<float>.Zero, acc3 = Vector256<float>.Zero;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + w), Vector256.LoadUnsafe(ref b, i + w), acc1);
            acc2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (2 * w)), Vector256.LoadUnsafe(ref b, i + (2 * w)), acc2);
            acc3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i + (3 * w)), Vector256.LoadUnsafe(ref b, i + (3 * w)), acc3);
        }

        for (; i + w <= len; i += w)
        {
            acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<float> mask = TailMask256((int)(i - last));
            acc1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, last) & mask, Vector256.LoadUnsafe(ref b, last), acc1);
        }

        return Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot128(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector128<float>.Count;
        nuint len = (nuint)n;
        Vector128<float> acc0 = Vector128<float>.Zero, acc1 = Vector128<float>.Zero, acc2 = Vector128<float>.Zero, acc3 = Vector128<float>.Zero;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            acc0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), acc0);
            acc1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + w), Vector128.LoadUnsafe(ref b, i + w), acc1);
            acc2 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (2 * w)), Vector128.LoadUnsafe(ref b, i + (2 * w)), acc2);
            acc3 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i + (3 * w)), Vector128.LoadUnsafe(ref b, i + (3 * w)), acc3);
        }

        for (; i + w <= len; i += w)
        {
            acc0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector128<float> mask = TailMask128((int)(i - last));
            acc1 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, last) & mask, Vector128.LoadUnsafe(ref b, last), acc1);
        }

        return Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    private static float DotScalar(ref float a, ref float b, int n)
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
            s1 += Unsafe.Add(ref a, i + 1) * Unsafe.Add(ref b, i + 1);
            s2 += Unsafe.Add(ref a, i + 2) * Unsafe.Add(ref b, i + 2);
            s3 += Unsafe.Add(ref a, i + 3) * Unsafe.Add(ref b, i + 3);
        }

        for (; i < n; i++)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>All-ones in lanes ≥ <paramref name="counted"/>, zero below: masks the lanes of an overlapping tail load that the main loop already covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TailMask512(int counted) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(counted)).AsSingle();

    /// <summary>All-ones in lanes ≥ <paramref name="counted"/>, zero below: masks the lanes of an overlapping tail load that the main loop already covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TailMask256(int counted) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(counted)).AsSingle();

    /// <summary>All-ones in lanes ≥ <paramref name="counted"/>, zero below: masks the lanes of an overlapping tail load that the main loop already covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TailMask128(int counted) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(counted)).AsSingle();
}
