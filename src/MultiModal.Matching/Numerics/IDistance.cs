namespace MultiModal.Matching.Numerics;

/// <summary>
/// A metric as a type, so that generic index code (<c>where TDistance : struct, IDistance</c>) is specialised
/// and inlined by the JIT instead of calling through a delegate. The distance is the index order of
/// <see cref="DistanceMetric"/>: smaller is closer.
/// </summary>
internal interface IDistance
{
    /// <summary>The metric this type implements.</summary>
    static abstract DistanceMetric Metric { get; }

    /// <summary>Whether indexes must store (and search with) unit-length vectors for this metric.</summary>
    static abstract bool RequiresNormalizedVectors { get; }

    /// <summary>The distance between two vectors of equal length.</summary>
    static abstract float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b);

    /// <summary>
    /// distances[i] = Distance(query, rows[i·d .. (i+1)·d)) with d = query.Length, for every row;
    /// rows.Length must equal distances.Length · d.
    /// </summary>
    static abstract void DistanceBatch(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, Span<float> distances);
}
