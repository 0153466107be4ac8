using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>A seeded random multi-modal collection over FlatIndex (the exact oracle), with an optional joint index.</summary>
internal sealed class FusionTestData
{
    public static readonly Modality[] Three = [Modality.Text, Modality.Image, Modality.Audio];

    private FusionTestData(Modality[] modalities, FlatIndex[] indexes, float[]?[][] vectors, JointLayout layout, FlatIndex joint)
    {
        Modalities = modalities;
        Indexes = indexes;
        Vectors = vectors;
        Layout = layout;
        Joint = joint;
        Source = new FusionSource(modalities.Zip(indexes, (m, i) => KeyValuePair.Create(m, (IVectorIndex)i)), layout, joint);
    }

    public Modality[] Modalities { get; }

    public FlatIndex[] Indexes { get; }

    /// <summary>Vectors[slot][id], null when the item lacks the modality.</summary>
    public float[]?[][] Vectors { get; }

    public JointLayout Layout { get; }

    public FlatIndex Joint { get; }

    public FusionSource Source { get; }

    public int Count => Vectors[0].Length;

    public static FusionTestData Create(
        int seed,
        int count,
        int[]? dimensions = null,
        DistanceMetric[]? metrics = null,
        double missingRate = 0,
        float[]? layoutWeights = null)
    {
        dimensions ??= [8, 6, 4];
        metrics ??= [DistanceMetric.Cosine, DistanceMetric.Cosine, DistanceMetric.Cosine];
        layoutWeights ??= [1f, 1f, 1f];
        var random = new Random(seed);
        int slots = dimensions.Length;
        var modalities = Three.Take(slots).ToArray();
        var indexes = new FlatIndex[slots];
        var vectors = new float[]?[slots][];
        for (int m = 0; m < slots; m++)
        {
            indexes[m] = new FlatIndex(dimensions[m], metrics[m]);
            vectors[m] = new float[]?[count];
        }

        var layout = new JointLayout(modalities.Select((mod, m) => new JointBlock(mod, dimensions[m], layoutWeights[m])));
        var joint = new FlatIndex(layout.Dimension, DistanceMetric.DotProduct);
        for (int id = 0; id < count; id++)
        {
            int keep = random.Next(slots);
            var parts = new List<KeyValuePair<Modality, ReadOnlyMemory<float>>>();
            for (int m = 0; m < slots; m++)
            {
                if (m != keep && random.NextDouble() < missingRate)
                {
                    continue;
                }

                var v = RandomVector(random, dimensions[m]);
                vectors[m][id] = v;
                indexes[m].Add(id, v);
                parts.Add(KeyValuePair.Create(modalities[m], (ReadOnlyMemory<float>)v));
            }

            joint.Add(id, layout.CreateItemVector(parts));
        }

        return new FusionTestData(modalities, indexes, vectors, layout, joint);
    }

    public static float[] RandomVector(Random random, int dimension)
    {
        var v = new float[dimension];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return v;
    }

    public FusionQuery RandomQuery(Random random, int k, bool[] present)
    {
        var query = new FusionQuery(k);
        for (int m = 0; m < Modalities.Length; m++)
        {
            if (present[m])
            {
                query.With(Modalities[m], RandomVector(random, Indexes[m].Dimension));
            }
        }

        return query;
    }

    /// <summary>The exact similarity of a query embedding and an item in one modality (NaN when the item lacks it).</summary>
    public float Similarity(int slot, ReadOnlySpan<float> query, int id)
    {
        var v = Vectors[slot][id];
        if (v is null)
        {
            return float.NaN;
        }

        return Indexes[slot].Metric switch
        {
            DistanceMetric.Cosine => VectorKernels.Cosine(query, v),
            DistanceMetric.DotProduct => VectorKernels.Dot(query, v),
            _ => -MathF.Sqrt(VectorKernels.L2Squared(query, v)),
        };
    }
}
