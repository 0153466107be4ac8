using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    /// <summary>One row kernel at every width, so the batch loop dispatches once per call rather than once per row.</summary>
    private interface IRowKernel
    {
        static abstract float Row512(ref float q, ref float r, int n);

        static abstract void FourRows512(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3);

        static abstract float Row256(ref float q, ref float r, int n);

        static abstract float Row128(ref float q, ref float r, int n);

        static abstract float RowScalar(ref float q, ref float r, int n);
    }

    /// <summary>
    /// Rows per batch below which the scan runs as one stream: the multi-stream split only pays once the rows
    /// come from DRAM, and short batches (re-ranking a few hundred candidates) are already in cache.
    /// </summary>
    internal const int InterleaveMinRows = 256;

    private static void BatchCore<TRow>(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> scores)
        where TRow : struct, IRowKernel
    {
        int d = query.Length;
        int count = scores.Length;
        Debug.Assert(rows.Length == (long)count * d);
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float r = ref MemoryMarshal.GetReference(rows);
        ref float s = ref MemoryMarshal.GetReference(scores);
        if (Vector512.IsHardwareAccelerated && d >= Vector512<float>.Count)
        {
            Batch512<TRow>(ref q, ref r, ref s, d, count);
        }
        else if (Vector256.IsHardwareAccelerated && d >= Vector256<float>.Count)
        {
            BatchAtWidth<TRow, Width256>(ref q, ref r, ref s, d, count);
        }
        else if (Vector128.IsHardwareAccelerated && d >= Vector128<float>.Count)
        {
            BatchAtWidth<TRow, Width128>(ref q, ref r, ref s, d, count);
        }
        else
        {
            BatchAtWidth<TRow, WidthScalar>(ref q, ref r, ref s, d, count);
        }
    }

    /// <summary>
    /// Scores the rows as four interleaved streams: the batch is cut into four contiguous quarters and each step
    /// scores one row from every quarter. One sequential stream leaves a single core at ≈ 10 GB/s on this class
    /// of machine, because only so many cache-line misses of one stream are in flight at once; four independent
    /// streams keep four times as many misses outstanding and engage more hardware prefetch trackers, which is
    /// how a single thread approaches its DRAM read limit (docs/benchmarks.md, "Exact scan"). Each row is still
    /// read front to back exactly once, and every score lands in its own slot, so results equal the one-stream loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BatchAtWidth<TRow, TWidth>(ref float q, ref float r, ref float s, int d, int count)
        where TRow : struct, IRowKernel
        where TWidth : struct, IRowWidth
    {
        int i = 0;
        if (count >= InterleaveMinRows)
        {
            int quarter = count / 4;
            nint stride = (nint)quarter * d;
            for (; i < quarter; i++)
            {
                ref float row = ref Unsafe.Add(ref r, (nint)i * d);
                Unsafe.Add(ref s, i) = TWidth.Score<TRow>(ref q, ref row, d);
                Unsafe.Add(ref s, i + quarter) = TWidth.Score<TRow>(ref q, ref Unsafe.Add(ref row, stride), d);
                Unsafe.Add(ref s, i + (2 * quarter)) = TWidth.Score<TRow>(ref q, ref Unsafe.Add(ref row, 2 * stride), d);
                Unsafe.Add(ref s, i + (3 * quarter)) = TWidth.Score<TRow>(ref q, ref Unsafe.Add(ref row, 3 * stride), d);
            }

            i = 4 * quarter;
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref s, i) = TWidth.Score<TRow>(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
        }
    }

    /// <summary>
    /// The AVX-512 form of <see cref="BatchAtWidth{TRow, TWidth}"/>, with eight streams: the batch is cut into
    /// eighths and each step scores one row of every eighth through two four-row kernels, whose loads interleave
    /// at the instruction level, and which load the query once per four rows. Eight streams measured faster than
    /// four here (docs/benchmarks.md, "Exact scan"), as in the plain read ceiling; the narrower widths keep four
    /// one-row streams, since they have neither the registers nor the bandwidth need.
    /// </summary>
    private static void Batch512<TRow>(ref float q, ref float r, ref float s, int d, int count)
        where TRow : struct, IRowKernel
    {
        int i = 0;
        if (count >= InterleaveMinRows)
        {
            int eighth = count / 8;
            nint stride = (nint)eighth * d;
            for (; i < eighth; i++)
            {
                ref float row = ref Unsafe.Add(ref r, (nint)i * d);
                ref float si = ref Unsafe.Add(ref s, i);
                TRow.FourRows512(
                    ref q, ref row, ref Unsafe.Add(ref row, stride), ref Unsafe.Add(ref row, 2 * stride), ref Unsafe.Add(ref row, 3 * stride), d,
                    out si, out Unsafe.Add(ref si, eighth), out Unsafe.Add(ref si, 2 * eighth), out Unsafe.Add(ref si, 3 * eighth));
                TRow.FourRows512(
                    ref q, ref Unsafe.Add(ref row, 4 * stride), ref Unsafe.Add(ref row, 5 * stride), ref Unsafe.Add(ref row, 6 * stride), ref Unsafe.Add(ref row, 7 * stride), d,
                    out Unsafe.Add(ref si, 4 * eighth), out Unsafe.Add(ref si, 5 * eighth), out Unsafe.Add(ref si, 6 * eighth), out Unsafe.Add(ref si, 7 * eighth));
            }

            i = 8 * eighth;
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref s, i) = TRow.Row512(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
        }
    }

    /// <summary>Picks one of a row kernel's widths at compile time, so the row loop is written once.</summary>
    private interface IRowWidth
    {
        static abstract float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel;
    }

    private readonly struct Width256 : IRowWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.Row256(ref q, ref r, n);
    }

    private readonly struct Width128 : IRowWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.Row128(ref q, ref r, n);
    }

    private readonly struct WidthScalar : IRowWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.RowScalar(ref q, ref r, n);
    }

    private readonly struct DotRow : IRowKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row512(ref float q, ref float r, int n) => Dot512(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void FourRows512(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3) =>
            Dot4Rows512(ref q, ref r0, ref r1, ref r2, ref r3, n, out s0, out s1, out s2, out s3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row256(ref float q, ref float r, int n) => Dot256(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row128(ref float q, ref float r, int n) => Dot128(ref q, ref r, n);

        public static float RowScalar(ref float q, ref float r, int n) => DotScalar(ref q, ref r, n);
    }

    private readonly struct L2Row : IRowKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row512(ref float q, ref float r, int n) => L2Squared512(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void FourRows512(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3) =>
            L2Squared4Rows512(ref q, ref r0, ref r1, ref r2, ref r3, n, out s0, out s1, out s2, out s3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row256(ref float q, ref float r, int n) => L2Squared256(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row128(ref float q, ref float r, int n) => L2Squared128(ref q, ref r, n);

        public static float RowScalar(ref float q, ref float r, int n) => L2SquaredScalar(ref q, ref r, n);
    }
}
