namespace MultiModal.Matching.Numerics;

/// <summary>Squared Euclidean distance ‖a − b‖² (<see cref="DistanceMetric.L2"/>).</summary>
internal readonly struct L2Distance : IDistance
{
    /// <inheritdoc/>
    public static DistanceMetric Metric => DistanceMetric.L2;

    /// <inheritdoc/>
    public static bool RequiresNormalizedVectors => false;

    /// <inheritdoc/>
    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => VectorKernels.L2Squared(a, b);

    /// <inheritdoc/>
    public static void DistanceBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> distances) =>
        VectorKernels.L2SquaredBatch(query, rows, distances);
}
