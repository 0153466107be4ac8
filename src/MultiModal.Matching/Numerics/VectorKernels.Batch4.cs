using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    /// <summary>
    /// Four dot products at once, one query against four rows that lie far apart (one per quarter of a batch).
    /// Each query vector is loaded once for four rows, and the four rows' loads interleave in one instruction
    /// stream, which keeps four DRAM streams in flight from one core. Every row keeps exactly the accumulator
    /// structure of <see cref="Dot512"/> (four accumulators, the masked tail into the second, the same final
    /// sum order), so each score is bit-identical to the single-row kernel's: sixteen accumulators plus four
    /// query registers fit in the 32 ZMM registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4Rows512(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref q, i);
            Vector512<float> q1 = Vector512.LoadUnsafe(ref q, i + w);
            Vector512<float> q2 = Vector512.LoadUnsafe(ref q, i + (2 * w));
            Vector512<float> q3 = Vector512.LoadUnsafe(ref q, i + (3 * w));
            a00 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r3, i), a30);
            a01 = Vector512.MultiplyAddEstimate(q1, Vector512.LoadUnsafe(ref r0, i + w), a01);
            a11 = Vector512.MultiplyAddEstimate(q1, Vector512.LoadUnsafe(ref r1, i + w), a11);
            a21 = Vector512.MultiplyAddEstimate(q1, Vector512.LoadUnsafe(ref r2, i + w), a21);
            a31 = Vector512.MultiplyAddEstimate(q1, Vector512.LoadUnsafe(ref r3, i + w), a31);
            a02 = Vector512.MultiplyAddEstimate(q2, Vector512.LoadUnsafe(ref r0, i + (2 * w)), a02);
            a12 = Vector512.MultiplyAddEstimate(q2, Vector512.LoadUnsafe(ref r1, i + (2 * w)), a12);
            a22 = Vector512.MultiplyAddEstimate(q2, Vector512.LoadUnsafe(ref r2, i + (2 * w)), a22);
            a32 = Vector512.MultiplyAddEstimate(q2, Vector512.LoadUnsafe(ref r3, i + (2 * w)), a32);
            a03 = Vector512.MultiplyAddEstimate(q3, Vector512.LoadUnsafe(ref r0, i + (3 * w)), a03);
            a13 = Vector512.MultiplyAddEstimate(q3, Vector512.LoadUnsafe(ref r1, i + (3 * w)), a13);
            a23 = Vector512.MultiplyAddEstimate(q3, Vector512.LoadUnsafe(ref r2, i + (3 * w)), a23);
            a33 = Vector512.MultiplyAddEstimate(q3, Vector512.LoadUnsafe(ref r3, i + (3 * w)), a33);
        }

        for (; i + w <= len; i += w)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref q, i);
            a00 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = Vector512.MultiplyAddEstimate(q0, Vector512.LoadUnsafe(ref r3, i), a30);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> qt = Vector512.LoadUnsafe(ref q, last) & TailMask512((int)(i - last));
            a01 = Vector512.MultiplyAddEstimate(qt, Vector512.LoadUnsafe(ref r0, last), a01);
            a11 = Vector512.MultiplyAddEstimate(qt, Vector512.LoadUnsafe(ref r1, last), a11);
            a21 = Vector512.MultiplyAddEstimate(qt, Vector512.LoadUnsafe(ref r2, last), a21);
            a31 = Vector512.MultiplyAddEstimate(qt, Vector512.LoadUnsafe(ref r3, last), a31);
        }

        s0 = Vector512.Sum((a00 + a01) + (a02 + a03));
        s1 = Vector512.Sum((a10 + a11) + (a12 + a13));
        s2 = Vector512.Sum((a20 + a21) + (a22 + a23));
        s3 = Vector512.Sum((a30 + a31) + (a32 + a33));
    }

    /// <summary>Four squared L2 distances at once; the layout and bit-identity argument of <see cref="Dot4Rows512"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void L2Squared4Rows512(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3)
    {
        nuint w = (nuint)Vector512<float>.Count;
        nuint len = (nuint)n;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        nuint i = 0;
        for (; i + (4 * w) <= len; i += 4 * w)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref q, i);
            Vector512<float> q1 = Vector512.LoadUnsafe(ref q, i + w);
            Vector512<float> q2 = Vector512.LoadUnsafe(ref q, i + (2 * w));
            Vector512<float> q3 = Vector512.LoadUnsafe(ref q, i + (3 * w));
            a00 = AddSquare(q0 - Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = AddSquare(q0 - Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = AddSquare(q0 - Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = AddSquare(q0 - Vector512.LoadUnsafe(ref r3, i), a30);
            a01 = AddSquare(q1 - Vector512.LoadUnsafe(ref r0, i + w), a01);
            a11 = AddSquare(q1 - Vector512.LoadUnsafe(ref r1, i + w), a11);
            a21 = AddSquare(q1 - Vector512.LoadUnsafe(ref r2, i + w), a21);
            a31 = AddSquare(q1 - Vector512.LoadUnsafe(ref r3, i + w), a31);
            a02 = AddSquare(q2 - Vector512.LoadUnsafe(ref r0, i + (2 * w)), a02);
            a12 = AddSquare(q2 - Vector512.LoadUnsafe(ref r1, i + (2 * w)), a12);
            a22 = AddSquare(q2 - Vector512.LoadUnsafe(ref r2, i + (2 * w)), a22);
            a32 = AddSquare(q2 - Vector512.LoadUnsafe(ref r3, i + (2 * w)), a32);
            a03 = AddSquare(q3 - Vector512.LoadUnsafe(ref r0, i + (3 * w)), a03);
            a13 = AddSquare(q3 - Vector512.LoadUnsafe(ref r1, i + (3 * w)), a13);
            a23 = AddSquare(q3 - Vector512.LoadUnsafe(ref r2, i + (3 * w)), a23);
            a33 = AddSquare(q3 - Vector512.LoadUnsafe(ref r3, i + (3 * w)), a33);
        }

        for (; i + w <= len; i += w)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref q, i);
            a00 = AddSquare(q0 - Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = AddSquare(q0 - Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = AddSquare(q0 - Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = AddSquare(q0 - Vector512.LoadUnsafe(ref r3, i), a30);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> mask = TailMask512((int)(i - last));
            Vector512<float> qt = Vector512.LoadUnsafe(ref q, last);
            a01 = AddSquare((qt - Vector512.LoadUnsafe(ref r0, last)) & mask, a01);
            a11 = AddSquare((qt - Vector512.LoadUnsafe(ref r1, last)) & mask, a11);
            a21 = AddSquare((qt - Vector512.LoadUnsafe(ref r2, last)) & mask, a21);
            a31 = AddSquare((qt - Vector512.LoadUnsafe(ref r3, last)) & mask, a31);
        }

        s0 = Vector512.Sum((a00 + a01) + (a02 + a03));
        s1 = Vector512.Sum((a10 + a11) + (a12 + a13));
        s2 = Vector512.Sum((a20 + a21) + (a22 + a23));
        s3 = Vector512.Sum((a30 + a31) + (a32 + a33));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<float> AddSquare(Vector512<float> d, Vector512<float> acc) => Vector512.MultiplyAddEstimate(d, d, acc);
    }
}
