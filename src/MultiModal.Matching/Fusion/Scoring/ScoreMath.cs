using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion.Scoring;

/// <summary>Conversions between an index's distance and the similarity that fusion reports.</summary>
internal static class ScoreMath
{
    /// <summary>Cosine: 1 − d; dot: −d; L2: −√d (d is the squared distance).</summary>
    public static float ToSimilarity(DistanceMetric metric, float distance) => metric switch
    {
        DistanceMetric.Cosine => 1f - distance,
        DistanceMetric.DotProduct => -distance,
        _ => -MathF.Sqrt(MathF.Max(distance, 0f)),
    };

    /// <summary>The similarity of a prepared query (unit length for cosine) and a stored vector.</summary>
    public static float Similarity(DistanceMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> stored) => metric switch
    {
        DistanceMetric.L2 => -MathF.Sqrt(VectorKernels.L2Squared(query, stored)),
        _ => VectorKernels.Dot(query, stored),
    };

    /// <summary>Converts a batch kernel's output (dot products, or squared distances for L2) to similarities in place.</summary>
    public static void BatchToSimilarity(DistanceMetric metric, Span<float> values)
    {
        if (metric == DistanceMetric.L2)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = -MathF.Sqrt(MathF.Max(values[i], 0f));
            }
        }
    }
}
