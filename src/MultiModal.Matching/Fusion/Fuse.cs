namespace MultiModal.Matching.Fusion;

/// <summary>
/// The entry point for building fusion strategies:
/// <c>Fuse.Late(Combine.Rrf(60)).Weighted(text: 0.6, image: 0.4)</c>,
/// <c>Fuse.Hybrid(coarse: Fuse.Early(), rerank: Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), candidates: 200)</c>.
/// </summary>
public static class Fuse
{
    /// <summary>Early fusion over the collection's joint index.</summary>
    /// <returns>An early-fusion strategy with the joint layout's weights.</returns>
    public static EarlyFusion Early() => new(FusionSettings.Default);

    /// <summary>Late fusion with the given normaliser and combiner.</summary>
    /// <param name="combination">The combination, e.g. <c>Combine.Rrf()</c>.</param>
    /// <returns>A late-fusion strategy with window 100 and equal weights.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="combination"/> is null.</exception>
    public static LateFusion Late(ScoreCombination combination)
    {
        ArgumentNullException.ThrowIfNull(combination);
        return new(combination, FusionSettings.Default, 100, exact: false);
    }

    /// <summary>Late fusion with reciprocal rank fusion (k = 60).</summary>
    /// <returns>A late-fusion strategy.</returns>
    public static LateFusion Late() => Late(Combine.Rrf());

    /// <summary>A coarse stage followed by an exact per-modality re-rank.</summary>
    /// <param name="coarse">The candidate generator, typically <see cref="Early"/> or a late fusion with a large window.</param>
    /// <param name="rerank">The combination, weights and policies used to combine the exact scores.</param>
    /// <param name="candidates">How many candidates to re-rank; at least 1 (at least k is used).</param>
    /// <returns>A hybrid strategy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="coarse"/> or <paramref name="rerank"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="candidates"/> is less than 1.</exception>
    public static HybridFusion Hybrid(IFusion coarse, LateFusion rerank, int candidates = 200)
    {
        ArgumentNullException.ThrowIfNull(coarse);
        ArgumentNullException.ThrowIfNull(rerank);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        return new(coarse, rerank, candidates);
    }
}
