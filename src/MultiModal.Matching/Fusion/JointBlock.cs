using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>One modality's block in a joint (early-fusion) vector.</summary>
/// <param name="Modality">The modality.</param>
/// <param name="Dimension">The modality's embedding dimension; at least 1.</param>
/// <param name="Weight">The modality's weight; positive and finite. <see cref="JointLayout"/> renormalises the weights to sum to 1.</param>
public readonly record struct JointBlock(Modality Modality, int Dimension, float Weight);
