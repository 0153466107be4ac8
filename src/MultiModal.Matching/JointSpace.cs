using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// The joint space that early and hybrid fusion search: every item's per-modality vectors,
/// L2-normalised and scaled by √weight, concatenated into one vector, so that a joint dot product
/// is the weighted sum of per-modality cosines. A missing modality contributes a zero block.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class JointSpace
{
    internal JointSpace(IReadOnlyList<KeyValuePair<Modality, double>> weights, IndexParameters index)
    {
        Weights = weights;
        Index = index;
    }

    /// <summary>The modalities in the joint vector, in block order, with their weights.</summary>
    public IReadOnlyList<KeyValuePair<Modality, double>> Weights { get; }

    /// <summary>How joint vectors are indexed.</summary>
    public IndexParameters Index { get; }
}
