using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>One row of the result table: a fusion strategy and the modalities its queries may use.</summary>
/// <param name="Name">The row's label.</param>
/// <param name="Fusion">The fusion strategy.</param>
/// <param name="Only">The single modality a baseline row is restricted to, or null for a fused row.</param>
public sealed record Strategy(string Name, IFusion Fusion, Modality? Only)
{
    /// <summary>The rows of the demo's table: three single-modality baselines, then early, late and hybrid fusion.</summary>
    public static IReadOnlyList<Strategy> All { get; } =
    [
        new("text only", Fuse.Late(Combine.WeightedSum(Normalize.None)), Modality.Text),
        new("image only", Fuse.Late(Combine.WeightedSum(Normalize.None)), Modality.Image),
        new("audio only", Fuse.Late(Combine.WeightedSum(Normalize.None)), Modality.Audio),
        new("early (joint index)", Fuse.Early(), null),
        new("late RRF (k=60)", Fuse.Late(Combine.Rrf()), null),
        new("late weighted sum + z-score", Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), null),
        new("late DBSF", Fuse.Late(Combine.WeightedSum(Normalize.Dbsf)), null),
        new("hybrid (early → exact re-rank)", Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), candidates: 100), null),
    ];

    /// <summary>Whether this row fuses several modalities (as opposed to a single-modality baseline).</summary>
    public bool IsFused => Only is null;
}
