using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    /// <summary>
    /// One query against four rows that lie far apart (one per slice of a batch), at once. Each query vector is
    /// loaded once for four rows, and the four rows' loads interleave in one instruction stream, which keeps four
    /// DRAM streams in flight from one core. Every row keeps exactly the accumulator structure of the one-row
    /// kernels (<see cref="Dot512"/>, <see cref="L2Squared512"/>: four accumulators, the masked tail into the
    /// second, the same final sum order), so each score is bit-identical to theirs; sixteen accumulators plus four
    /// query registers fit in the 32 ZMM registers. The tail masks both operands, so its already-counted lanes add
    /// exactly zero for either metric.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourRows512<TRow>(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3)
        where TRow : struct, IRowKernel
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
            a00 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r3, i), a30);
            a01 = TRow.Accumulate512(q1, Vector512.LoadUnsafe(ref r0, i + w), a01);
            a11 = TRow.Accumulate512(q1, Vector512.LoadUnsafe(ref r1, i + w), a11);
            a21 = TRow.Accumulate512(q1, Vector512.LoadUnsafe(ref r2, i + w), a21);
            a31 = TRow.Accumulate512(q1, Vector512.LoadUnsafe(ref r3, i + w), a31);
            a02 = TRow.Accumulate512(q2, Vector512.LoadUnsafe(ref r0, i + (2 * w)), a02);
            a12 = TRow.Accumulate512(q2, Vector512.LoadUnsafe(ref r1, i + (2 * w)), a12);
            a22 = TRow.Accumulate512(q2, Vector512.LoadUnsafe(ref r2, i + (2 * w)), a22);
            a32 = TRow.Accumulate512(q2, Vector512.LoadUnsafe(ref r3, i + (2 * w)), a32);
            a03 = TRow.Accumulate512(q3, Vector512.LoadUnsafe(ref r0, i + (3 * w)), a03);
            a13 = TRow.Accumulate512(q3, Vector512.LoadUnsafe(ref r1, i + (3 * w)), a13);
            a23 = TRow.Accumulate512(q3, Vector512.LoadUnsafe(ref r2, i + (3 * w)), a23);
            a33 = TRow.Accumulate512(q3, Vector512.LoadUnsafe(ref r3, i + (3 * w)), a33);
        }

        for (; i + w <= len; i += w)
        {
            Vector512<float> q0 = Vector512.LoadUnsafe(ref q, i);
            a00 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r0, i), a00);
            a10 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r1, i), a10);
            a20 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r2, i), a20);
            a30 = TRow.Accumulate512(q0, Vector512.LoadUnsafe(ref r3, i), a30);
        }

        if (i < len)
        {
            nuint last = len - w;
            Vector512<float> mask = TailMask512((int)(i - last));
            Vector512<float> qt = Vector512.LoadUnsafe(ref q, last) & mask;
            a01 = TRow.Accumulate512(qt, Vector512.LoadUnsafe(ref r0, last) & mask, a01);
            a11 = TRow.Accumulate512(qt, Vector512.LoadUnsafe(ref r1, last) & mask, a11);
            a21 = TRow.Accumulate512(qt, Vector512.LoadUnsafe(ref r2, last) & mask, a21);
            a31 = TRow.Accumulate512(qt, Vector512.LoadUnsafe(ref r3, last) & mask, a31);
        }

        s0 = Vector512.Sum((a00 + a01) + (a02 + a03));
        s1 = Vector512.Sum((a10 + a11) + (a12 + a13));
        s2 = Vector512.Sum((a20 + a21) + (a22 + a23));
        s3 = Vector512.Sum((a30 + a31) + (a32 + a33));
    }
}
