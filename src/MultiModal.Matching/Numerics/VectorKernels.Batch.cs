using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    /// <summary>One row kernel at every width, so the batch loop dispatches once per call rather than once per row.</summary>
    private interface IRowKernel
    {
        static abstract float Row512(ref float q, ref float r, int n);

        static abstract float Row256(ref float q, ref float r, int n);

        static abstract float Row128(ref float q, ref float r, int n);

        static abstract float RowScalar(ref float q, ref float r, int n);

        /// <summary>Adds one lane-wise term of the metric (q·r, or (q − r)²) to an accumulator: the four-row kernel's step.</summary>
        static abstract Vector512<float> Accumulate512(Vector512<float> q, Vector512<float> r, Vector512<float> acc);
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
            BatchAtWidth<TRow, Width512>(ref q, ref r, ref s, d, count);
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
    /// Scores the rows as eight interleaved streams: the batch is cut into eight contiguous slices and each step
    /// scores one row of every slice, four at a time. One sequential stream leaves a core at ≈ 10 GB/s on this
    /// class of machine, because only so many cache-line misses of one stream are in flight at once; independent
    /// streams keep more misses outstanding and engage more hardware prefetch trackers, which is how one thread
    /// approaches its DRAM read limit (docs/benchmarks.md, "Exact scan"). Each row is still read front to back
    /// exactly once, and every score lands in its own slot, bit-identical to the one-row kernel's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BatchAtWidth<TRow, TWidth>(ref float q, ref float r, ref float s, int d, int count)
        where TRow : struct, IRowKernel
        where TWidth : struct, IRowWidth<TWidth>
    {
        int i = 0;
        if (count >= InterleaveMinRows)
        {
            int eighth = count / 8;
            nint stride = (nint)eighth * d;
            int aheadRows = ScanPrefetch ? PrefetchRowsAhead(d) : 0;
            nint ahead = (nint)aheadRows * d;
            for (; i < eighth; i++)
            {
                ref float row = ref Unsafe.Add(ref r, (nint)i * d);
                if (Sse.IsSupported && aheadRows > 0 && i + aheadRows < eighth)
                {
                    PrefetchEightRows(ref Unsafe.Add(ref row, ahead), stride, d);
                }

                ref float si = ref Unsafe.Add(ref s, i);
                TWidth.ScoreFour<TRow>(
                    ref q, ref row, ref Unsafe.Add(ref row, stride), ref Unsafe.Add(ref row, 2 * stride), ref Unsafe.Add(ref row, 3 * stride), d,
                    out si, out Unsafe.Add(ref si, eighth), out Unsafe.Add(ref si, 2 * eighth), out Unsafe.Add(ref si, 3 * eighth));
                TWidth.ScoreFour<TRow>(
                    ref q, ref Unsafe.Add(ref row, 4 * stride), ref Unsafe.Add(ref row, 5 * stride), ref Unsafe.Add(ref row, 6 * stride), ref Unsafe.Add(ref row, 7 * stride), d,
                    out Unsafe.Add(ref si, 4 * eighth), out Unsafe.Add(ref si, 5 * eighth), out Unsafe.Add(ref si, 6 * eighth), out Unsafe.Add(ref si, 7 * eighth));
            }

            i = 8 * eighth;
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref s, i) = TWidth.Score<TRow>(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
        }
    }

    /// <summary>
    /// Whether the eight-stream scan prefetches ahead in software (benchmarks turn it off to measure the difference
    /// side by side; nothing else should touch it).
    /// </summary>
    internal static bool ScanPrefetch = true;

    /// <summary>
    /// How many rows ahead each stream is prefetched: about 2 KB for rows of at most 1 KB, none for longer rows. With
    /// short rows the per-row reductions and stores keep fewer misses in flight than a bare read, and prefetching
    /// closed most of that gap (d = 128: 78 % → 86 % of the eight-stream read ceiling); with 3 KB rows the hardware
    /// prefetchers already run well ahead and the extra instructions cost more than they gained (79 % → 69 %).
    /// </summary>
    private static int PrefetchRowsAhead(int d) => d * sizeof(float) <= 1024 ? 2048 / (d * sizeof(float)) : 0;

    /// <summary>Prefetches every cache line of one row in each of the eight streams (rows <paramref name="stride"/> floats apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchEightRows(ref float row, nint stride, int d)
    {
        nint lineFloats = 64 / sizeof(float);
        for (int stream = 0; stream < 8; stream++)
        {
            ref float start = ref Unsafe.Add(ref row, stream * stride);
            for (nint f = 0; f < d; f += lineFloats)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, f)));
            }
        }
    }

    /// <summary>Picks one of a row kernel's widths at compile time, so the row loop is written once.</summary>
    private interface IRowWidth<TSelf>
        where TSelf : struct, IRowWidth<TSelf>
    {
        static abstract float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel;

        /// <summary>Scores four far-apart rows: by default as four row calls; at 512 bits in one interleaved kernel.</summary>
        static virtual void ScoreFour<TRow>(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3)
            where TRow : struct, IRowKernel
        {
            s0 = TSelf.Score<TRow>(ref q, ref r0, n);
            s1 = TSelf.Score<TRow>(ref q, ref r1, n);
            s2 = TSelf.Score<TRow>(ref q, ref r2, n);
            s3 = TSelf.Score<TRow>(ref q, ref r3, n);
        }
    }

    private readonly struct Width512 : IRowWidth<Width512>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.Row512(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void ScoreFour<TRow>(ref float q, ref float r0, ref float r1, ref float r2, ref float r3, int n, out float s0, out float s1, out float s2, out float s3)
            where TRow : struct, IRowKernel => FourRows512<TRow>(ref q, ref r0, ref r1, ref r2, ref r3, n, out s0, out s1, out s2, out s3);
    }

    private readonly struct Width256 : IRowWidth<Width256>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.Row256(ref q, ref r, n);
    }

    private readonly struct Width128 : IRowWidth<Width128>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.Row128(ref q, ref r, n);
    }

    private readonly struct WidthScalar : IRowWidth<WidthScalar>
    {
        public static float Score<TRow>(ref float q, ref float r, int n)
            where TRow : struct, IRowKernel => TRow.RowScalar(ref q, ref r, n);
    }

    private readonly struct DotRow : IRowKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row512(ref float q, ref float r, int n) => Dot512(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row256(ref float q, ref float r, int n) => Dot256(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row128(ref float q, ref float r, int n) => Dot128(ref q, ref r, n);

        public static float RowScalar(ref float q, ref float r, int n) => DotScalar(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Accumulate512(Vector512<float> q, Vector512<float> r, Vector512<float> acc) =>
            Vector512.MultiplyAddEstimate(q, r, acc);
    }

    private readonly struct L2Row : IRowKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row512(ref float q, ref float r, int n) => L2Squared512(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row256(ref float q, ref float r, int n) => L2Squared256(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Row128(ref float q, ref float r, int n) => L2Squared128(ref q, ref r, n);

        public static float RowScalar(ref float q, ref float r, int n) => L2SquaredScalar(ref q, ref r, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Accumulate512(Vector512<float> q, Vector512<float> r, Vector512<float> acc)
        {
            Vector512<float> d = q - r;
            return Vector512.MultiplyAddEstimate(d, d, acc);
        }
    }
}
