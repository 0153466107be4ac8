namespace MultiModal.Matching.Fusion;

/// <summary>Creates <see cref="ScoreCombination"/>s: <c>Combine.Rrf(60)</c>, <c>Combine.WeightedSum(Normalize.ZScore)</c>.</summary>
public static class Combine
{
    /// <summary>Weighted sum of normalised scores (CombSUM).</summary>
    /// <param name="normalization">The normaliser; min-max by default.</param>
    /// <returns>The combination.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    public static ScoreCombination WeightedSum(ScoreNormalization normalization = ScoreNormalization.MinMax) =>
        new(CombinationKind.WeightedSum, Check(normalization), 0);

    /// <summary>CombMNZ: the weighted sum times the number of lists that retrieved the item.</summary>
    /// <param name="normalization">The normaliser; min-max by default.</param>
    /// <returns>The combination.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    public static ScoreCombination CombMnz(ScoreNormalization normalization = ScoreNormalization.MinMax) =>
        new(CombinationKind.CombMnz, Check(normalization), 0);

    /// <summary>Weighted maximum of normalised scores.</summary>
    /// <param name="normalization">The normaliser; min-max by default.</param>
    /// <returns>The combination.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    public static ScoreCombination Max(ScoreNormalization normalization = ScoreNormalization.MinMax) =>
        new(CombinationKind.Max, Check(normalization), 0);

    /// <summary>Reciprocal rank fusion, Σ w̃/(k + rank), ranks from 1.</summary>
    /// <param name="k">The rank constant; 60 by default (Cormack et al. 2009); at least 0.</param>
    /// <returns>The combination.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public static ScoreCombination Rrf(int k = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return new(CombinationKind.Rrf, ScoreNormalization.None, k);
    }

    /// <summary>Borda count, Σ w̃·(n − rank + 1).</summary>
    /// <returns>The combination.</returns>
    public static ScoreCombination Borda() => new(CombinationKind.Borda, ScoreNormalization.None, 0);

    private static ScoreNormalization Check(ScoreNormalization normalization)
    {
        if (!Enum.IsDefined(normalization))
        {
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown normalisation.");
        }

        return normalization;
    }
}
