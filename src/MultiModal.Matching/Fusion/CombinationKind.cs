namespace MultiModal.Matching.Fusion;

/// <summary>
/// How per-modality terms are combined into one fused score. With w̃ the weights renormalised to sum to 1 over
/// the modalities that take part for the item, s the normalised score, r the 1-based rank, n the list length,
/// and h the number of lists that retrieved the item:
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="WeightedSum"/></term><description>Σ w̃·s (CombSUM).</description></item>
/// <item><term><see cref="CombMnz"/></term><description>h · Σ w̃·s.</description></item>
/// <item><term><see cref="Max"/></term><description>max (w/w_max)·s (plain max for equal weights).</description></item>
/// <item><term><see cref="Rrf"/></term><description>Σ w̃/(k + r), ranks from 1, k = 60 by default (Cormack et al.). For equal weights this is classic RRF divided by the number of lists.</description></item>
/// <item><term><see cref="Borda"/></term><description>Σ w̃·max(0, n − r + 1).</description></item>
/// </list>
/// Each modality's explanation <see cref="ModalityContribution.Contribution"/> is its term as added (for <see cref="Max"/>,
/// the candidate for the maximum).
/// </remarks>
public enum CombinationKind
{
    /// <summary>Weighted sum of normalised scores (CombSUM).</summary>
    WeightedSum = 0,

    /// <summary>Weighted sum times the number of lists that retrieved the item.</summary>
    CombMnz = 1,

    /// <summary>Weighted maximum.</summary>
    Max = 2,

    /// <summary>Reciprocal rank fusion.</summary>
    Rrf = 3,

    /// <summary>Borda count.</summary>
    Borda = 4,
}
