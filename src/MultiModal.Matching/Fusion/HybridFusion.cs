namespace MultiModal.Matching.Fusion;

/// <summary>
/// Hybrid fusion: a coarse stage (early fusion over the joint index, or late fusion with a large window) proposes
/// <see cref="Candidates"/> items; the re-rank stage scores every candidate exactly in every modality the query has,
/// from the stored vectors with the batch kernel, then normalises and combines those scores with the re-rank
/// stage's combination, weights and item-side policy (for items without a stored vector). Create with <see cref="Fuse.Hybrid"/>.
/// </summary>
/// <remarks>
/// In the re-rank stage a modality's "list" is the candidate set: ranks and window statistics are over the candidates.
/// Immutable and thread-safe.
/// </remarks>
public sealed class HybridFusion : IFusion
{
    internal HybridFusion(IFusion coarse, LateFusion rerank, int candidates)
    {
        Coarse = coarse;
        Rerank = rerank;
        Candidates = candidates;
    }

    /// <summary>The coarse stage.</summary>
    public IFusion Coarse { get; }

    /// <summary>The re-rank stage: its combination, weights and policies score the candidates (its window is not used).</summary>
    public LateFusion Rerank { get; }

    /// <summary>How many candidates the coarse stage proposes (at least k is used).</summary>
    public int Candidates { get; }

    /// <summary>Sets the number of candidates.</summary>
    /// <param name="candidates">At least 1.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="candidates"/> is less than 1.</exception>
    public HybridFusion WithCandidates(int candidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        return new(Coarse, Rerank, candidates);
    }

    /// <inheritdoc/>
    public FusionResult Search(IFusionSource source, FusionQuery query)
    {
        var result = new FusionResult();
        Search(source, query, result);
        return result;
    }

    /// <inheritdoc/>
    public void Search(IFusionSource source, FusionQuery query, FusionResult destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        HybridFusionEngine.Search(this, source, query, destination);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Hybrid(coarse: {Coarse}, rerank: {Rerank.Combination}, candidates: {Candidates})";
}
