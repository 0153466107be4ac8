using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MultiModal.Matching.Numerics;

internal static partial class VectorKernels
{
    /// <summary>Rows scored per group by the gather kernels (one four-row kernel call).</summary>
    private const int GatherGroup = 4;

    /// <summary>
    /// Scores rows that lie scattered in one block of storage, in place (no copies): <c>scores[i]</c> = query · row i,
    /// where row i starts <c>byteOffsets[i]</c> bytes after <paramref name="origin"/>. Re-ranking uses it over an index's
    /// stored vectors. Rows are scored four at a time (<see cref="FourRows512{TRow}"/>: four independent streams, the query
    /// loaded once per four rows); each score equals <see cref="Dot"/> of that row bit for bit. While a group is scored,
    /// the first lines of the next group's rows are prefetched (<see cref="PrefetchRowStarts"/>).
    /// </summary>
    /// <remarks>The caller keeps the storage alive and unmoved for the call (a managed array is tracked through the ref).</remarks>
    public static void DotGather(ReadOnlySpan<float> query, ref byte origin, ReadOnlySpan<nint> byteOffsets, Span<float> scores) =>
        GatherCore<DotRow>(query, ref origin, byteOffsets, scores);

    /// <summary>The squared-L2 form of <see cref="DotGather"/>; each score equals <see cref="L2Squared"/> of that row bit for bit.</summary>
    public static void L2SquaredGather(ReadOnlySpan<float> query, ref byte origin, ReadOnlySpan<nint> byteOffsets, Span<float> scores) =>
        GatherCore<L2Row>(query, ref origin, byteOffsets, scores);

    private static void GatherCore<TRow>(ReadOnlySpan<float> query, ref byte origin, ReadOnlySpan<nint> byteOffsets, Span<float> scores)
        where TRow : struct, IRowKernel
    {
        Debug.Assert(byteOffsets.Length == scores.Length);
        int d = query.Length;
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float s = ref MemoryMarshal.GetReference(scores);
        ref nint at = ref MemoryMarshal.GetReference(byteOffsets);
        if (Vector512.IsHardwareAccelerated && d >= Vector512<float>.Count)
        {
            GatherAtWidth<TRow, Width512>(ref q, ref origin, ref at, ref s, d, byteOffsets.Length);
        }
        else if (Vector256.IsHardwareAccelerated && d >= Vector256<float>.Count)
        {
            GatherAtWidth<TRow, Width256>(ref q, ref origin, ref at, ref s, d, byteOffsets.Length);
        }
        else if (Vector128.IsHardwareAccelerated && d >= Vector128<float>.Count)
        {
            GatherAtWidth<TRow, Width128>(ref q, ref origin, ref at, ref s, d, byteOffsets.Length);
        }
        else
        {
            GatherAtWidth<TRow, WidthScalar>(ref q, ref origin, ref at, ref s, d, byteOffsets.Length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatherAtWidth<TRow, TWidth>(ref float q, ref byte origin, ref nint at, ref float s, int d, int count)
        where TRow : struct, IRowKernel
        where TWidth : struct, IRowWidth<TWidth>
    {
        int i = 0;
        bool prefetch = Sse.IsSupported && GatherPrefetch;
        for (; i + GatherGroup <= count; i += GatherGroup)
        {
            if (prefetch && i + (2 * GatherGroup) <= count)
            {
                PrefetchRowStarts(ref origin, ref Unsafe.Add(ref at, i + GatherGroup));
            }

            TWidth.ScoreFour<TRow>(
                ref q,
                ref Row(ref origin, Unsafe.Add(ref at, i)),
                ref Row(ref origin, Unsafe.Add(ref at, i + 1)),
                ref Row(ref origin, Unsafe.Add(ref at, i + 2)),
                ref Row(ref origin, Unsafe.Add(ref at, i + 3)),
                d,
                out Unsafe.Add(ref s, i),
                out Unsafe.Add(ref s, i + 1),
                out Unsafe.Add(ref s, i + 2),
                out Unsafe.Add(ref s, i + 3));
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref s, i) = TWidth.Score<TRow>(ref q, ref Row(ref origin, Unsafe.Add(ref at, i)), d);
        }
    }

    /// <summary>
    /// Whether the gather kernels prefetch the start of the next group's rows (benchmarks turn it off to measure the
    /// difference side by side; nothing else should touch it).
    /// </summary>
    internal static bool GatherPrefetch = true;

    /// <summary>
    /// Prefetches the first two cache lines of each row of a group. A scattered row is a new stream for the hardware
    /// prefetchers, which need a miss or two before they run ahead; starting the next rows' first lines while this
    /// group computes hides that start-up. Whole rows (32 lines each at d = 512) cost more instructions than they
    /// saved (1.3× slower), and more than two lines gained nothing more (docs/benchmarks.md, "Session 4").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRowStarts(ref byte origin, ref nint at)
    {
        for (int r = 0; r < GatherGroup; r++)
        {
            byte* row = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref origin, Unsafe.Add(ref at, r)));
            Sse.Prefetch0(row);
            Sse.Prefetch0(row + 64);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Row(ref byte origin, nint byteOffset) => ref Unsafe.As<byte, float>(ref Unsafe.Add(ref origin, byteOffset));
}
