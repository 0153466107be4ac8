namespace MultiModal.Matching.Numerics;

/// <summary>
/// Cosine distance 1 − a · b on unit-length vectors (<see cref="DistanceMetric.Cosine"/>). Indexes normalise
/// vectors on insert and queries before searching, so the norms are not recomputed here; for raw vectors
/// use <see cref="VectorKernels.Cosine"/>.
/// </summary>
internal readonly struct CosineDistance : IDistance
{
    /// <inheritdoc/>
    public static DistanceMetric Metric => DistanceMetric.Cosine;

    /// <inheritdoc/>
    public static bool RequiresNormalizedVectors => true;

    /// <inheritdoc/>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => 1f - VectorKernels.Dot(a, b);

    /// <inheritdoc/>
    public static void DistanceBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> distances)
    {
        VectorKernels.DotBatch(query, rows, distances);
        VectorKernels.AffineInPlace(distances, -1f, 1f);
    }
}
