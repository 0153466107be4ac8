using System.Diagnostics;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// Per-collection int8 scalar quantisation: one offset and one scale for every component of every vector,
/// xᵢ ≈ <see cref="Offset"/> + <see cref="Scale"/>·cᵢ with codes cᵢ ∈ [−127, 127]. Because all components
/// share the scale, the integer kernels of <see cref="Int8Kernels"/> compare codes directly and distances
/// come back with one multiply (L2) or a multiply and a precomputed per-vector constant (dot).
/// </summary>
/// <remarks>
/// A per-dimension scale would fit skewed dimensions more tightly, but then Σ cᵢdᵢ no longer maps to a
/// distance without a per-dimension weight in the inner loop; int8 codes are the traversal tier, with exact
/// f32 re-ranking after, so the shared scale is the better trade. Values inside the fitted [min, max] round-trip
/// within <see cref="Scale"/>/2; values outside are clamped to the end codes. Immutable; thread-safe.
/// </remarks>
internal sealed class ScalarQuantizer
{
    /// <summary>The largest code magnitude; −128 is never produced, so negation and |c| stay in range.</summary>
    public const int MaxCode = 127;

    /// <summary>Creates a quantiser with an explicit offset and scale.</summary>
    public ScalarQuantizer(float offset, float scale)
    {
        Debug.Assert(float.IsFinite(offset) && float.IsFinite(scale) && scale > 0);
        Offset = offset;
        Scale = scale;
        InverseScale = 1f / scale;
    }

    /// <summary>The value that code 0 stands for: the midpoint of the fitted range.</summary>
    public float Offset { get; }

    /// <summary>The step between adjacent codes; round-trip error is at most half of it inside the fitted range.</summary>
    public float Scale { get; }

    private float InverseScale { get; }

    /// <summary>Fits the range of every component of <paramref name="sample"/> (all finite; may be empty).</summary>
    public static ScalarQuantizer Fit(ReadOnlySpan<float> sample)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float x in sample)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        if (sample.IsEmpty)
        {
            return new ScalarQuantizer(0f, 1f);
        }

        // Compute in double: (max − min) can overflow float for extreme but finite inputs.
        double offset = ((double)min + max) / 2;
        double scale = ((double)max - min) / (2 * MaxCode);
        return new ScalarQuantizer((float)offset, scale > 0 && scale <= float.MaxValue ? (float)scale : scale > 0 ? float.MaxValue : 1f);
    }

    /// <summary>Writes the codes of <paramref name="vector"/> and returns their sum (the constant <see cref="Dot"/> needs).</summary>
    public int Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        Debug.Assert(codes.Length == vector.Length);
        float offset = Offset, inverse = InverseScale;
        int sum = 0;
        for (int i = 0; i < vector.Length; i++)
        {
            float c = MathF.Round((vector[i] - offset) * inverse);
            int code = (int)Math.Clamp(c, -MaxCode, MaxCode);
            codes[i] = (sbyte)code;
            sum += code;
        }

        return sum;
    }

    /// <summary>Writes the values the codes stand for.</summary>
    public void Dequantize(ReadOnlySpan<sbyte> codes, Span<float> vector)
    {
        Debug.Assert(codes.Length == vector.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            vector[i] = Offset + (Scale * codes[i]);
        }
    }

    /// <summary>The squared Euclidean distance between the vectors two code rows stand for.</summary>
    public float L2Squared(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b) => Scale * Scale * Int8Kernels.L2Squared(a, b);

    /// <summary>
    /// The dot product of the vectors two code rows stand for: n·o² + o·s·(Σa + Σb) + s²·Σ aᵢbᵢ, where the sums
    /// are the values <see cref="Quantize"/> returned.
    /// </summary>
    public float Dot(ReadOnlySpan<sbyte> a, int sumA, ReadOnlySpan<sbyte> b, int sumB)
    {
        double o = Offset, s = Scale;
        double dot = (a.Length * o * o) + (o * s * ((long)sumA + sumB)) + (s * s * Int8Kernels.Dot(a, b));
        return (float)dot;
    }
}
