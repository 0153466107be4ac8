namespace MultiModal.Matching.Fusion;

/// <summary>
/// A fusion strategy: runs a multi-modal query against a collection's indexes and returns the fused,
/// explained top-k. Build one with <see cref="Fuse"/> (<see cref="Fuse.Early"/>, <see cref="Fuse.Late(ScoreCombination)"/>,
/// <see cref="Fuse.Hybrid"/>) and configure it with the builder methods of the returned object.
/// </summary>
/// <remarks>
/// The built-in strategies are immutable: builder methods return new objects, and one instance may serve
/// any number of concurrent searches. Once a thread has run a few queries, a search that writes into a
/// reused <see cref="FusionResult"/> allocates nothing.
/// </remarks>
public interface IFusion
{
    /// <summary>Runs <paramref name="query"/> against <paramref name="source"/> and returns a new result.</summary>
    /// <param name="source">The collection's per-modality indexes (and optional joint index and calibration).</param>
    /// <param name="query">The query: an embedding per present modality, optional weights, k and filter.</param>
    /// <returns>Up to <see cref="FusionQuery.K"/> matches, best first, each with its explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The query has no usable modality, names a modality the source lacks, or an embedding has the wrong dimension.</exception>
    /// <exception cref="InvalidOperationException">The strategy needs something the source lacks (a joint index for early fusion, a calibration for <see cref="ScoreNormalization.Calibrated"/>).</exception>
    FusionResult Search(IFusionSource source, FusionQuery query);

    /// <summary>Runs <paramref name="query"/> against <paramref name="source"/>, overwriting <paramref name="destination"/>.</summary>
    /// <param name="source">The collection's per-modality indexes (and optional joint index and calibration).</param>
    /// <param name="query">The query: an embedding per present modality, optional weights, k and filter.</param>
    /// <param name="destination">A result buffer to reuse; its previous contents (and the explanations they point to) become invalid.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The query has no usable modality, names a modality the source lacks, or an embedding has the wrong dimension.</exception>
    /// <exception cref="InvalidOperationException">The strategy needs something the source lacks.</exception>
    void Search(IFusionSource source, FusionQuery query, FusionResult destination);
}
