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

        static abstract float Row256(ref float q, ref float r, int n);

        static abstract float Row128(ref float q, ref float r, int n);

        static abstract float RowScalar(ref float q, ref float r, int n);
    }

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
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref s, i) = TRow.Row512(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
            }
        }
        else if (Vector256.IsHardwareAccelerated && d >= Vector256<float>.Count)
        {
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref s, i) = TRow.Row256(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
            }
        }
        else if (Vector128.IsHardwareAccelerated && d >= Vector128<float>.Count)
        {
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref s, i) = TRow.Row128(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref s, i) = TRow.RowScalar(ref q, ref Unsafe.Add(ref r, (nint)i * d), d);
            }
        }
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
    }
}
