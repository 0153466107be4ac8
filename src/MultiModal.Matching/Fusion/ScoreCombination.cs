namespace MultiModal.Matching.Fusion;

/// <summary>A combiner with its normaliser (and RRF's k): the score-combining half of late fusion. Create with <see cref="Combine"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ScoreCombination
{
    internal ScoreCombination(CombinationKind kind, ScoreNormalization normalization, int rrfK)
    {
        Kind = kind;
        Normalization = normalization;
        RrfK = rrfK;
    }

    /// <summary>The combiner.</summary>
    public CombinationKind Kind { get; }

    /// <summary>The normaliser applied to raw scores before combining (<see cref="ScoreNormalization.None"/> for RRF and Borda, which use ranks).</summary>
    public ScoreNormalization Normalization { get; }

    /// <summary>RRF's rank constant k (0 for other combiners).</summary>
    public int RrfK { get; }

    /// <summary>Whether the combiner reads ranks rather than scores.</summary>
    public bool UsesRanks => Kind is CombinationKind.Rrf or CombinationKind.Borda || Normalization == ScoreNormalization.Rank;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        CombinationKind.Rrf => $"Rrf(k={RrfK})",
        CombinationKind.Borda => "Borda",
        _ => $"{Kind}({Normalization})",
    };
}
