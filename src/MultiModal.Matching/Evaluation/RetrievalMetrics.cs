namespace MultiModal.Matching.Evaluation;

/// <summary>
/// Ranking metrics for one query with binary relevance: `ranked` is the returned ids, best first.
/// Average them over queries (MRR is the mean of <see cref="ReciprocalRank"/>).
/// </summary>
/// <remarks>Pure functions; thread-safe.</remarks>
public static class RetrievalMetrics
{
    /// <summary>|relevant ∩ top k| / |relevant|; 0 when nothing is relevant.</summary>
    /// <param name="ranked">The returned ids, best first.</param>
    /// <param name="relevant">The relevant ids.</param>
    /// <param name="k">The cut-off; at least 1.</param>
    /// <returns>Recall at k, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relevant"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static double RecallAtK(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return relevant.Count == 0 ? 0 : (double)Hits(ranked, relevant, k) / relevant.Count;
    }

    /// <summary>|relevant ∩ top k| / k.</summary>
    /// <param name="ranked">The returned ids, best first.</param>
    /// <param name="relevant">The relevant ids.</param>
    /// <param name="k">The cut-off; at least 1.</param>
    /// <returns>Precision at k, in [0, 1] (missing results count as non-relevant).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relevant"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static double PrecisionAtK(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return (double)Hits(ranked, relevant, k) / k;
    }

    /// <summary>1 / (1-based rank of the first relevant id); 0 when none is returned.</summary>
    /// <param name="ranked">The returned ids, best first.</param>
    /// <param name="relevant">The relevant ids.</param>
    /// <returns>The reciprocal rank, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relevant"/> is null.</exception>
    public static double ReciprocalRank(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        for (int i = 0; i < ranked.Length; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>
    /// Normalised discounted cumulative gain at k with binary gains: DCG = Σᵢ rel(i)/log₂(i + 1) over ranks i = 1..k,
    /// divided by the ideal DCG of min(k, |relevant|) relevant items; 0 when nothing is relevant.
    /// </summary>
    /// <param name="ranked">The returned ids, best first.</param>
    /// <param name="relevant">The relevant ids.</param>
    /// <param name="k">The cut-off; at least 1.</param>
    /// <returns>nDCG at k, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relevant"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public static double NdcgAtK(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (relevant.Count == 0)
        {
            return 0;
        }

        double dcg = 0, ideal = 0;
        int n = Math.Min(k, ranked.Length);
        for (int i = 0; i < n; i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += 1.0 / Math.Log2(i + 2);
            }
        }

        int idealCount = Math.Min(k, relevant.Count);
        for (int i = 0; i < idealCount; i++)
        {
            ideal += 1.0 / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }

    private static int Hits(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        int hits = 0;
        int n = Math.Min(k, ranked.Length);
        for (int i = 0; i < n; i++)
        {
            hits += relevant.Contains(ranked[i]) ? 1 : 0;
        }

        return hits;
    }
}
