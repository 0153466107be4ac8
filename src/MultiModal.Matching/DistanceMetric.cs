namespace MultiModal.Matching;

/// <summary>
/// How two vectors are compared. Every index orders its results by a <em>distance</em>
/// (smaller is closer); the table below gives the distance each metric uses and the
/// similarity reported to users.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Metric</term><description>Distance (index order) / similarity (reported)</description></listheader>
/// <item><term><see cref="Cosine"/></term><description>1 − cos(a, b) / cos(a, b). Vectors are L2-normalised on insert.</description></item>
/// <item><term><see cref="DotProduct"/></term><description>−(a · b) / a · b.</description></item>
/// <item><term><see cref="L2"/></term><description>‖a − b‖² (squared Euclidean) / −‖a − b‖.</description></item>
/// </list>
/// </remarks>
public enum DistanceMetric
{
    /// <summary>Cosine similarity; vectors are normalised to unit length when stored.</summary>
    Cosine = 0,

    /// <summary>Inner (dot) product; larger is more similar.</summary>
    DotProduct = 1,

    /// <summary>Euclidean distance; the index works on its square.</summary>
    L2 = 2,
}
