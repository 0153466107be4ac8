using MultiModal.Matching.Attributes;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.CrashWriter;

/// <summary>
/// The deterministic workload of the crash tests, compiled into both the writer process and the
/// test (linked source), so that the test knows exactly what every acknowledged batch wrote.
/// Batch b upserts 12 new keys (every third without an image vector), updates a key of batch
/// b − 1 and deletes three keys of batch b − 2.
/// </summary>
internal static class CrashWorkload
{
    public const int NewKeysPerBatch = 12;

    public static VectorSpaceDefinition[] Spaces { get; } =
    [
        new("text", 16, DistanceMetric.L2),
        new("image", 8, DistanceMetric.Cosine),
    ];

    /// <summary>The operations of batch <paramref name="batch"/>.</summary>
    public static StoreOperation[] Batch(int batch)
    {
        var ops = new List<StoreOperation>();
        for (int i = 0; i < NewKeysPerBatch; i++)
        {
            ops.Add(Upsert(Key(batch, i), batch, seed: (batch * 7919) + i, withImage: i % 3 != 0));
        }

        if (batch >= 1)
        {
            ops.Add(Upsert(Key(batch - 1, 1), batch, seed: (batch * 104729) + 17, withImage: true));
        }

        if (batch >= 2)
        {
            for (int i = 0; i < NewKeysPerBatch; i += 4)
            {
                ops.Add(StoreOperation.Delete(Key(batch - 2, i)));
            }
        }

        return [.. ops];
    }

    /// <summary>The live items after batches 0 .. <paramref name="batches"/> − 1: key → (text, image or null, batch attribute).</summary>
    public static Dictionary<string, (float[] Text, float[]? Image, long Batch)> Model(int batches)
    {
        var model = new Dictionary<string, (float[] Text, float[]? Image, long Batch)>(StringComparer.Ordinal);
        for (int b = 0; b < batches; b++)
        {
            foreach (StoreOperation op in Batch(b))
            {
                if (op.Kind == StoreOperationKind.Delete)
                {
                    model.Remove(op.Key);
                    continue;
                }

                float[]? image = op.Vectors[1].IsEmpty ? null : op.Vectors[1].ToArray();
                model[op.Key] = (op.Vectors[0].ToArray(), image, op.Attributes[0].Value.AsInteger);
            }
        }

        return model;
    }

    public static string Key(int batch, int i) => $"b{batch}-{i}";

    /// <summary>The parameters of the text space's HNSW graph.</summary>
    public static HnswOptions GraphOptions() => new() { Dimension = 16, Metric = DistanceMetric.L2, M = 8, EfConstruction = 64, Seed = 5 };

    /// <summary>Applies an acknowledged batch to the text graph: removes replaced and deleted ids, adds new ones.</summary>
    public static void ApplyToGraph(HnswIndex graph, StoreOperation[] batch, StoreOperationResult[] results)
    {
        for (int i = 0; i < batch.Length; i++)
        {
            if (batch[i].Kind == StoreOperationKind.Delete)
            {
                if (results[i].Id >= 0)
                {
                    graph.Remove(results[i].Id);
                }

                continue;
            }

            if (results[i].ReplacedId >= 0)
            {
                graph.Remove(results[i].ReplacedId);
            }

            graph.Add(results[i].Id, batch[i].VectorFor(0));
        }
    }

    private static StoreOperation Upsert(string key, int batch, int seed, bool withImage)
    {
        var random = new Random(seed);
        var text = new float[16];
        for (int d = 0; d < text.Length; d++)
        {
            text[d] = (float)((random.NextDouble() * 2) - 1);
        }

        float[] image = [];
        if (withImage)
        {
            image = new float[8];
            for (int d = 0; d < image.Length; d++)
            {
                image[d] = (float)random.NextDouble();
            }
        }

        return StoreOperation.Upsert(
            key,
            [text, image],
            [
                new("batch", AttributeValue.FromInteger(batch)),
                new("name", AttributeValue.FromString(key)),
            ]);
    }
}
