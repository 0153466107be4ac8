using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// The f32 vector kernels every layer calls. Each dispatches once on the widest accelerated vector width
/// (Vector512 → Vector256 → Vector128 → scalar) that fits the length, keeps several independent vector
/// accumulators to hide the multiply-add latency, reduces horizontally once at the end, and handles the
/// tail with one overlapping load whose already-counted lanes are masked off.
/// </summary>
/// <remarks>
/// Callers validate lengths (public doors do); kernels only assert. All members are pure functions of
/// their arguments and safe to call from any number of threads.
/// </remarks>
internal static partial class VectorKernels
{
    /// <summary>Σ aᵢ·bᵢ.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Debug.Assert(a.Length == b.Length);
        return DotCore(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>Σ (aᵢ − bᵢ)².</summary>
    public static float L2Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Debug.Assert(a.Length == b.Length);
        return L2SquaredCore(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>cos(a, b), clamped to [−1, 1]; 0 when either vector is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Debug.Assert(a.Length == b.Length);
        return CosineCore(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>‖a‖₂.</summary>
    public static float Norm(ReadOnlySpan<float> a)
    {
        ref float p = ref MemoryMarshal.GetReference(a);
        return MathF.Sqrt(DotCore(ref p, ref p, a.Length));
    }

    /// <summary>Scales <paramref name="a"/> to unit length; leaves a zero vector unchanged. Returns the original norm.</summary>
    public static float NormalizeInPlace(Span<float> a)
    {
        float norm = Norm(a);
        if (norm > 0 && float.IsFinite(norm))
        {
            ScaleInPlace(a, 1f / norm);
            return norm;
        }

        // The sum of squares under- or overflowed float (or the vector is zero): redo it in double.
        return NormalizeInDouble(a);
    }

    /// <summary>Whether every component is finite (neither NaN nor ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<float> a) => AllFiniteCore(ref MemoryMarshal.GetReference(a), a.Length);

    /// <summary>aᵢ ← aᵢ·<paramref name="scale"/> + <paramref name="offset"/>.</summary>
    public static void AffineInPlace(Span<float> a, float scale, float offset) =>
        AffineCore(ref MemoryMarshal.GetReference(a), a.Length, scale, offset);

    /// <summary>aᵢ ← aᵢ·<paramref name="scale"/>.</summary>
    public static void ScaleInPlace(Span<float> a, float scale) =>
        AffineCore(ref MemoryMarshal.GetReference(a), a.Length, scale, 0f);

    /// <summary>
    /// scores[i] = query · rows[i·d .. (i+1)·d) with d = query.Length; rows.Length must equal scores.Length · d.
    /// The rows are read once, front to back, so the hardware prefetcher streams them.
    /// </summary>
    public static void DotBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> scores)
    {
        Debug.Assert(rows.Length == scores.Length * query.Length);
        BatchCore<DotRow>(query, rows, scores);
    }

    /// <summary>scores[i] = ‖query − rows[i]‖², rows laid out as in <see cref="DotBatch"/>.</summary>
    public static void L2SquaredBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> scores)
    {
        Debug.Assert(rows.Length == scores.Length * query.Length);
        BatchCore<L2Row>(query, rows, scores);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotCore(ref float a, ref float b, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return Dot512(ref a, ref b, n);
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            return Dot256(ref a, ref b, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            return Dot128(ref a, ref b, n);
        }

        return DotScalar(ref a, ref b, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2SquaredCore(ref float a, ref float b, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            return L2Squared512(ref a, ref b, n);
        }

        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            return L2Squared256(ref a, ref b, n);
        }

        if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            return L2Squared128(ref a, ref b, n);
        }

        return L2SquaredScalar(ref a, ref b, n);
    }

    private static float NormalizeInDouble(Span<float> a)
    {
        double max = 0;
        foreach (float x in a)
        {
            max = Math.Max(max, Math.Abs((double)x));
        }

        if (max == 0 || !double.IsFinite(max))
        {
            return max == 0 ? 0f : float.NaN;
        }

        // Scale by the largest magnitude first so that the squares neither overflow nor underflow.
        double sum = 0;
        foreach (float x in a)
        {
            double s = x / max;
            sum += s * s;
        }

        double norm = max * Math.Sqrt(sum);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)(a[i] / norm);
        }

        return (float)norm;
    }
}
