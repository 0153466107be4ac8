using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>
    /// The item's joint vector in the collection's <see cref="Fusion.JointLayout"/> (a zero block for each joint
    /// modality it lacks), or null when it has none of the joint modalities; the caller holds the write lock.
    /// </summary>
    private float[]? JointVector(Dictionary<Modality, float[]> vectors)
    {
        var blocks = new List<KeyValuePair<Modality, ReadOnlyMemory<float>>>(vectors.Count);
        foreach (var (modality, vector) in vectors)
        {
            if (_jointLayout!.IndexOf(modality) >= 0)
            {
                blocks.Add(KeyValuePair.Create(modality, (ReadOnlyMemory<float>)vector));
            }
        }

        return blocks.Count == 0 ? null : _jointLayout!.CreateItemVector(blocks);
    }
}
