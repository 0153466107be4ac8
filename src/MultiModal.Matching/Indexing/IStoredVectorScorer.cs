namespace MultiModal.Matching.Indexing;

/// <summary>
/// An optional capability of an <see cref="IVectorIndex"/>: score a query against the stored vectors of given ids in
/// place, under one lock, without copying them out. Exact re-ranking (hybrid fusion, the recompute policy) uses it
/// when present and falls back to <see cref="IVectorIndex.TryGetVector"/> plus the batch kernel otherwise.
/// </summary>
internal interface IStoredVectorScorer
{
    /// <summary>
    /// For each id: <c>scores[i]</c> = query · stored (for <see cref="DistanceMetric.Cosine"/> and
    /// <see cref="DistanceMetric.DotProduct"/>; the query must already be unit length for cosine) or ‖query − stored‖²
    /// (for <see cref="DistanceMetric.L2"/>), and <c>found[i]</c> whether the id is live. Returns how many were found.
    /// </summary>
    int ScoreStored(ReadOnlySpan<float> query, ReadOnlySpan<int> ids, Span<float> scores, Span<bool> found);
}
