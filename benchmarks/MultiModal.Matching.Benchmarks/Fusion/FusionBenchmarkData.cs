using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// The benchmark collection: three cosine modalities of dimension 512 over FlatIndex (exact), a joint index for early
/// fusion, and one query with all three modalities. Items are noisy copies of 2,000 latent "concepts" per modality so
/// that the per-modality lists overlap as they do for real multi-modal items. Built once per process per size.
/// </summary>
internal sealed class FusionBenchmarkData
{
    public const int Dimension = 512;
    private static readonly Dictionary<int, FusionBenchmarkData> Cache = [];

    private FusionBenchmarkData(int count)
    {
        var random = new Random(42);
        Modality[] modalities = [Modality.Text, Modality.Image, Modality.Audio];
        var centres = new float[3][][];
        var indexes = new FlatIndex[3];
        for (int m = 0; m < 3; m++)
        {
            centres[m] = Enumerable.Range(0, 2000).Select(_ => RandomVector(random, 1f)).ToArray();
            indexes[m] = new FlatIndex(Dimension, DistanceMetric.Cosine, new FlatIndexOptions { InitialCapacity = count });
        }

        var layout = new JointLayout(modalities.Select(m => new JointBlock(m, Dimension, 1f)));
        var joint = new FlatIndex(layout.Dimension, DistanceMetric.DotProduct, new FlatIndexOptions { InitialCapacity = count });
        var vector = new float[3][];
        var jointVector = new float[layout.Dimension];
        for (int id = 0; id < count; id++)
        {
            int concept = random.Next(2000);
            for (int m = 0; m < 3; m++)
            {
                vector[m] = RandomVector(random, 0.8f);
                var centre = centres[m][concept];
                for (int i = 0; i < Dimension; i++)
                {
                    vector[m][i] += centre[i];
                }

                indexes[m].Add(id, vector[m]);
            }

            layout.WriteItemVector(modalities.Select((mod, m) => KeyValuePair.Create(mod, (ReadOnlyMemory<float>)vector[m])), jointVector);
            joint.Add(id, jointVector);
        }

        Source = new FusionSource(modalities.Select((mod, m) => KeyValuePair.Create(mod, (IVectorIndex)indexes[m])), layout, joint);
        int target = random.Next(count);
        Query = new FusionQuery(10);
        for (int m = 0; m < 3; m++)
        {
            var q = new float[Dimension];
            indexes[m].TryGetVector(target, q);
            var noise = RandomVector(random, 0.05f);
            for (int i = 0; i < Dimension; i++)
            {
                q[i] += noise[i];
            }

            Query.With(modalities[m], q);
        }
    }

    public FusionSource Source { get; }

    public FusionQuery Query { get; }

    public static FusionBenchmarkData Get(int count)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(count, out var data))
            {
                data = new FusionBenchmarkData(count);
                Cache[count] = data;
            }

            return data;
        }
    }

    private static float[] RandomVector(Random random, float scale)
    {
        var v = new float[Dimension];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = ((random.NextSingle() * 2) - 1) * scale;
        }

        return v;
    }
}
