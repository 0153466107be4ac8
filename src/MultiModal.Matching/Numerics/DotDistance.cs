namespace MultiModal.Matching.Numerics;

/// <summary>Negated inner product −(a · b) (<see cref="DistanceMetric.DotProduct"/>).</summary>
internal readonly struct DotDistance : IDistance
{
    /// <inheritdoc/>
    public static DistanceMetric Metric => DistanceMetric.DotProduct;

    /// <inheritdoc/>
    public static bool RequiresNormalizedVectors => false;

    /// <inheritdoc/>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => -VectorKernels.Dot(a, b);

    /// <inheritdoc/>
    public static void DistanceBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> distances)
    {
        VectorKernels.DotBatch(query, rows, distances);
        VectorKernels.AffineInPlace(distances, -1f, 0f);
    }
}
