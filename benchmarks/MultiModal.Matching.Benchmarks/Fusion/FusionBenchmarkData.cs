using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Numerics;

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

    /// <summary>
    /// The same three modalities in HNSW indexes (the facade's per-modality index), built on first use with a small graph
    /// (M = 8, efConstruction = 32): the re-rank reads only the stored vectors, so graph quality does not matter here.
    /// </summary>
    public FusionSource HnswSource
    {
        get
        {
            lock (Cache)
            {
                return _hnswSource ??= BuildHnsw();
            }
        }
    }

    /// <summary>
    /// The same three FlatIndex modalities with their rows on 4 KiB pages (built with the huge-page advice switched
    /// off), on first use: the side-by-side reference for what huge pages change.
    /// </summary>
    public FusionSource SmallPageSource
    {
        get
        {
            lock (Cache)
            {
                return _smallPageSource ??= BuildSmallPageCopy();
            }
        }
    }

    public FusionQuery Query { get; }

    private FusionSource? _hnswSource;
    private FusionSource? _smallPageSource;

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

    private FusionSource BuildHnsw()
    {
        var pairs = new List<KeyValuePair<Modality, IVectorIndex>>();
        for (int m = 0; m < Source.Modalities.Count; m++)
        {
            var flat = Source.GetIndex(m);
            int count = flat.Count;
            var vectors = new float[(long)count * Dimension];
            var ids = new int[count];
            for (int id = 0; id < count; id++)
            {
                ids[id] = id;
                flat.TryGetVector(id, vectors.AsSpan(id * Dimension, Dimension));
            }

            var hnsw = new HnswIndex(new HnswOptions { Dimension = Dimension, Metric = flat.Metric, M = 8, EfConstruction = 32, InitialCapacity = count });
            hnsw.AddRange(ids, vectors, threads: Environment.ProcessorCount);
            pairs.Add(KeyValuePair.Create(Source.Modalities[m], (IVectorIndex)hnsw));
        }

        return new FusionSource(pairs);
    }

    private FusionSource BuildSmallPageCopy()
    {
        LargeBufferMemory.AdviseHugePages = false;
        try
        {
            var pairs = new List<KeyValuePair<Modality, IVectorIndex>>();
            var vector = new float[Dimension];
            for (int m = 0; m < Source.Modalities.Count; m++)
            {
                var flat = Source.GetIndex(m);
                var copy = new FlatIndex(Dimension, flat.Metric, new FlatIndexOptions { InitialCapacity = flat.Count });
                for (int id = 0; id < flat.Count; id++)
                {
                    flat.TryGetVector(id, vector);
                    copy.Add(id, vector);
                }

                pairs.Add(KeyValuePair.Create(Source.Modalities[m], (IVectorIndex)copy));
            }

            return new FusionSource(pairs);
        }
        finally
        {
            LargeBufferMemory.AdviseHugePages = true;
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
