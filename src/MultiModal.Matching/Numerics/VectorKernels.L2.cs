using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Squared512(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero, acc2 = Vector512<float>.Zero, acc3 = Vector512<float>.Zero;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            Vector512<float> d0 = Vector512.LoadUnsafe(ref a, i) - Vector512.LoadUnsafe(ref b, i);
            Vector512<float> d1 = Vector512.LoadUnsafe(ref a, i + w) - Vector512.LoadUnsafe(ref b, i + w);
            Vector512<float> d2 = Vector512.LoadUnsafe(ref a, i + (2 * w)) - Vector512.LoadUnsafe(ref b, i + (2 * w));
            Vector512<float> d3 = Vector512.LoadUnsafe(ref a, i + (3 * w)) - Vector512.LoadUnsafe(ref b, i + (3 * w));
            acc0 = Vector512.MultiplyAddEstimate(d0, d0, acc0);
            acc1 = Vector512.MultiplyAddEstimate(d1, d1, acc1);
            acc2 = Vector512.MultiplyAddEstimate(d2, d2, acc2);
            acc3 = Vector512.MultiplyAddEstimate(d3, d3, acc3);
        }

        for (; i + w <= len; i += w)
        {
            Vector512<float> d = Vector512.LoadUnsafe(ref a, i) - Vector512.LoadUnsafe(ref b, i);
            acc0 = Vector512.MultiplyAddEstimate(d, d, acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> d = (Vector512.LoadUnsafe(ref a, last) - Vector512.LoadUnsafe(ref b, last)) & TailMask512((int)(i - last));
            acc1 = Vector512.MultiplyAddEstimate(d, d, acc1);
        }

        return Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Squared256(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector256<float>.Count;
        nuint len = (nuint)n;
        Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero, acc2 = Vector256<float>.Zero, acc3 = Vector256<float>.Zero;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            Vector256<float> d0 = Vector256.LoadUnsafe(ref a, i) - Vector256.LoadUnsafe(ref b, i);
            Vector256<float> d1 = Vector256.LoadUnsafe(ref a, i + w) - Vector256.LoadUnsafe(ref b, i + w);
            Vector256<float> d2 = Vector256.LoadUnsafe(ref a, i + (2 * w)) - Vector256.LoadUnsafe(ref b, i + (2 * w));
            Vector256<float> d3 = Vector256.LoadUnsafe(ref a, i + (3 * w)) - Vector256.LoadUnsafe(ref b, i + (3 * w));
            acc0 = Vector256.MultiplyAddEstimate(d0, d0, acc0);
            acc1 = Vector256.MultiplyAddEstimate(d1, d1, acc1);
            acc2 = Vector256.MultiplyAddEstimate(d2, d2, acc2);
            acc3 = Vector256.MultiplyAddEstimate(d3, d3, acc3);
        }

        for (; i + w <= len; i += w)
        {
            Vector256<float> d = Vector256.LoadUnsafe(ref a, i) - Vector256.LoadUnsafe(ref b, i);
            acc0 = Vector256.MultiplyAddEstimate(d, d, acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector256<float> d = (Vector256.LoadUnsafe(ref a, last) - Vector256.LoadUnsafe(ref b, last)) & TailMask256((int)(i - last));
            acc1 = Vector256.MultiplyAddEstimate(d, d, acc1);
        }

        return Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
    }

    /// <remarks>
    /// Eight accumulators, not four: at 128 bits a four-chain loop is bound by the multiply-add latency (four chains ×
    /// four lanes per latency period), which left it 1.33× behind TensorPrimitives at d = 768; eight chains double that.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Squared128(ref float a, ref float b, int n)
    {
        nuint w = (nuint)Vector128<float>.Count;
        nuint len = (nuint)n;
        Vector128<float> acc0 = Vector128<float>.Zero, acc1 = Vector128<float>.Zero, acc2 = Vector128<float>.Zero, acc3 = Vector128<float>.Zero;
        Vector128<float> acc4 = Vector128<float>.Zero, acc5 = Vector128<float>.Zero, acc6 = Vector128<float>.Zero, acc7 = Vector128<float>.Zero;
        nuint i = 0;
        for (; i + (8 * w) <= len; i += 8 * w)
        {
            Vector128<float> d0 = Vector128.LoadUnsafe(ref a, i) - Vector128.LoadUnsafe(ref b, i);
            Vector128<float> d1 = Vector128.LoadUnsafe(ref a, i + w) - Vector128.LoadUnsafe(ref b, i + w);
            Vector128<float> d2 = Vector128.LoadUnsafe(ref a, i + (2 * w)) - Vector128.LoadUnsafe(ref b, i + (2 * w));
            Vector128<float> d3 = Vector128.LoadUnsafe(ref a, i + (3 * w)) - Vector128.LoadUnsafe(ref b, i + (3 * w));
            Vector128<float> d4 = Vector128.LoadUnsafe(ref a, i + (4 * w)) - Vector128.LoadUnsafe(ref b, i + (4 * w));
            Vector128<float> d5 = Vector128.LoadUnsafe(ref a, i + (5 * w)) - Vector128.LoadUnsafe(ref b, i + (5 * w));
            Vector128<float> d6 = Vector128.LoadUnsafe(ref a, i + (6 * w)) - Vector128.LoadUnsafe(ref b, i + (6 * w));
            Vector128<float> d7 = Vector128.LoadUnsafe(ref a, i + (7 * w)) - Vector128.LoadUnsafe(ref b, i + (7 * w));
            acc0 = Vector128.MultiplyAddEstimate(d0, d0, acc0);
            acc1 = Vector128.MultiplyAddEstimate(d1, d1, acc1);
            acc2 = Vector128.MultiplyAddEstimate(d2, d2, acc2);
            acc3 = Vector128.MultiplyAddEstimate(d3, d3, acc3);
            acc4 = Vector128.MultiplyAddEstimate(d4, d4, acc4);
            acc5 = Vector128.MultiplyAddEstimate(d5, d5, acc5);
            acc6 = Vector128.MultiplyAddEstimate(d6, d6, acc6);
            acc7 = Vector128.MultiplyAddEstimate(d7, d7, acc7);
        }

        for (; i + w <= len; i += w)
        {
            Vector128<float> d = Vector128.LoadUnsafe(ref a, i) - Vector128.LoadUnsafe(ref b, i);
            acc0 = Vector128.MultiplyAddEstimate(d, d, acc0);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector128<float> d = (Vector128.LoadUnsafe(ref a, last) - Vector128.LoadUnsafe(ref b, last)) & TailMask128((int)(i - last));
            acc1 = Vector128.MultiplyAddEstimate(d, d, acc1);
        }

        return Vector128.Sum(((acc0 + acc1) + (acc2 + acc3)) + ((acc4 + acc5) + (acc6 + acc7)));
    }

    private static float L2SquaredScalar(ref float a, ref float b, int n)
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            float d0 = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            float d1 = Unsafe.Add(ref a, i + 1) - Unsafe.Add(ref b, i + 1);
            float d2 = Unsafe.Add(ref a, i + 2) - Unsafe.Add(ref b, i + 2);
            float d3 = Unsafe.Add(ref a, i + 3) - Unsafe.Add(ref b, i + 3);
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }

        for (; i < n; i++)
        {
            float d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            s0 += d * d;
        }

        return (s0 + s1) + (s2 + s3);
    }
}
