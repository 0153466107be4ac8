namespace MultiModal.Matching.Fusion;

/// <summary>
/// How raw per-modality scores are mapped onto a common scale before they are combined.
/// Formulas (x: raw similarity; μ, σ, min, max over the modality's result list; n its length; r the 1-based rank):
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="None"/></term><description>x.</description></item>
/// <item><term><see cref="MinMax"/></term><description>(x − min)/(max − min); 1 when max = min (as Weaviate's relativeScoreFusion).</description></item>
/// <item><term><see cref="ZScore"/></term><description>(x − μ)/σ (population σ); 0 when σ = 0.</description></item>
/// <item><term><see cref="Dbsf"/></term><description>(x − (μ − 3σ))/(6σ), not clipped; 0.5 when σ = 0 (as Qdrant).</description></item>
/// <item><term><see cref="MetricMap"/></term><description>By metric, as Milvus: cosine (1 + x)/2; dot 0.5 + atan(x)/π; L2 1 − 2·atan(d)/π with d the squared distance.</description></item>
/// <item><term><see cref="Rank"/></term><description>max(0, (n − r + 1)/n).</description></item>
/// <item><term><see cref="Calibrated"/></term><description>The percentile of x in the collection's own score distribution (<see cref="ScoreCalibration"/>), independent of the window.</description></item>
/// </list>
/// <see cref="None"/>, <see cref="MetricMap"/> and <see cref="Calibrated"/> do not depend on the result window, so
/// they work with the exact threshold algorithm (<see cref="LateFusion.Exact"/>).
/// </remarks>
public enum ScoreNormalization
{
    /// <summary>Raw similarity, unchanged.</summary>
    None = 0,

    /// <summary>Min-max over the result list.</summary>
    MinMax = 1,

    /// <summary>Standard score over the result list.</summary>
    ZScore = 2,

    /// <summary>Distribution-based score fusion: μ ± 3σ mapped to [0, 1].</summary>
    Dbsf = 3,

    /// <summary>Fixed per-metric maps onto [0, 1] (Milvus's arctan family).</summary>
    MetricMap = 4,

    /// <summary>From the rank only.</summary>
    Rank = 5,

    /// <summary>Percentile in the collection's fitted score distribution.</summary>
    Calibrated = 6,
}
