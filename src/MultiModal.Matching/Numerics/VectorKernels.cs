using System.Numerics.Tensors;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// The f32 vector kernels every layer calls. This file fixes the signatures; the bodies are the
/// TensorPrimitives baseline until the hand-written Vector512/256/128 kernels replace them.
/// Callers validate lengths; kernels only assert.
/// </summary>
internal static class VectorKernels
{
    /// <summary>Σ aᵢ·bᵢ.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Σ (aᵢ − bᵢ)².</summary>
    public static float L2Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float d = TensorPrimitives.Distance(a, b);
        return d * d;
    }

    /// <summary>cos(a, b); 0 when either vector is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float na = TensorPrimitives.Norm(a), nb = TensorPrimitives.Norm(b);
        return na == 0 || nb == 0 ? 0 : TensorPrimitives.Dot(a, b) / (na * nb);
    }

    /// <summary>Whether every component is finite (neither NaN nor ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<float> a)
    {
        // x·0 is 0 for finite x and NaN otherwise, so one NaN in the accumulator flags the vector.
        var acc = System.Numerics.Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
        {
            acc += new System.Numerics.Vector<float>(a.Slice(i)) * System.Numerics.Vector<float>.Zero;
        }

        float rest = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            rest += a[i] * 0f;
        }

        return rest == 0f;
    }

    /// <summary>‖a‖₂.</summary>
    public static float Norm(ReadOnlySpan<float> a) => TensorPrimitives.Norm(a);

    /// <summary>Scales <paramref name="a"/> to unit length; leaves a zero vector unchanged. Returns the original norm.</summary>
    public static float NormalizeInPlace(Span<float> a)
    {
        float n = TensorPrimitives.Norm(a);
        if (n > 0)
        {
            TensorPrimitives.Divide(a, n, a);
        }

        return n;
    }

    /// <summary>scores[i] = query · rows[i·dimension .. (i+1)·dimension).</summary>
    public static void DotBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> scores)
    {
        int d = query.Length;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(query, rows.Slice(i * d, d));
        }
    }

    /// <summary>scores[i] = ‖query − rows[i]‖².</summary>
    public static void L2SquaredBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> scores)
    {
        int d = query.Length;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = L2Squared(query, rows.Slice(i * d, d));
        }
    }
}
