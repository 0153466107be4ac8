using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// What a fusion strategy needs from a collection: one <see cref="IVectorIndex"/> per modality (all sharing
/// one id space: an item has the same id in every modality's index and is simply absent from the indexes of
/// the modalities it lacks), optionally a joint index for early fusion, and optionally a fitted calibration.
/// </summary>
/// <remarks>
/// Stored vectors are read through <see cref="IVectorIndex.TryGetVector"/> (exact re-scoring, the
/// recompute policy, explanations). Implementations must return the same objects for the duration of a
/// search and be safe to read from several threads. <see cref="FusionSource"/> is a ready-made implementation.
/// </remarks>
public interface IFusionSource
{
    /// <summary>The modalities, in slot order; explanations list modalities in this order.</summary>
    IReadOnlyList<Modality> Modalities { get; }

    /// <summary>The index of the modality in slot <paramref name="slot"/>.</summary>
    /// <param name="slot">0 ≤ slot &lt; <see cref="Modalities"/>.Count.</param>
    /// <returns>The modality's index.</returns>
    IVectorIndex GetIndex(int slot);

    /// <summary>The joint index for early fusion (metric <see cref="DistanceMetric.DotProduct"/>), or null.</summary>
    IVectorIndex? JointIndex { get; }

    /// <summary>How joint vectors are laid out (required when <see cref="JointIndex"/> is set), or null.</summary>
    JointLayout? JointLayout { get; }

    /// <summary>The score calibration fitted on this collection, or null when none was fitted.</summary>
    ScoreCalibration? Calibration { get; }
}
