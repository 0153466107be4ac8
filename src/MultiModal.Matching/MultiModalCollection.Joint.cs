using MultiModal.Matching.Encoding;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>
    /// The item's joint vector: per joint modality its L2-normalised vector scaled by √(weight / Σ weights),
    /// or a zero block when the item lacks it; null when it has none of the joint modalities.
    /// </summary>
    private static float[]? JointVector(CollectionSchema schema, Dictionary<Modality, float[]> vectors)
    {
        var joint = schema.Joint!;
        double total = joint.Weights.Sum(w => w.Value);
        var result = new float[JointDimension(schema)];
        int offset = 0;
        bool any = false;
        foreach (var (modality, weight) in joint.Weights)
        {
            int d = schema.Get(modality).Dimension;
            if (vectors.TryGetValue(modality, out float[]? vector))
            {
                Span<float> block = result.AsSpan(offset, d);
                vector.CopyTo(block);
                VectorKernels.NormalizeInPlace(block);
                float scale = (float)Math.Sqrt(weight / total);
                for (int i = 0; i < d; i++)
                {
                    block[i] *= scale;
                }

                any = true;
            }

            offset += d;
        }

        return any ? result : null;
    }
}
