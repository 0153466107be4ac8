using MultiModal.Matching.Attributes;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Tests.Collection;

/// <summary>A deterministic toy text encoder: letter counts folded into a few dimensions (a test double).</summary>
internal sealed class LetterCountEncoder(int dimension = 8, string version = "1")
    : EncoderBase<string>(Modality.Text, dimension, EncoderIdentity.Create("test.letters", version, $"dim={dimension}"))
{
    protected override void EncodeCore(string input, Span<float> destination)
    {
        destination.Fill(0.01f);
        foreach (char c in input)
        {
            destination[c % destination.Length] += 1;
        }
    }
}

/// <summary>Schemas, items and random vectors shared by the collection tests.</summary>
internal static class CollectionTestData
{
    public const int Dimension = 8;

    public static readonly Modality Image = Modality.Image;
    public static readonly Modality Audio = Modality.Audio;

    /// <summary>Image and audio given as embeddings (exact indexes), a price, a category and a flag.</summary>
    public static CollectionSchema EmbeddingSchema(IndexParameters? index = null) => new CollectionSchema()
        .WithModality(Image, Dimension, DistanceMetric.Cosine, index ?? IndexParameters.Exact)
        .WithModality(Audio, Dimension, DistanceMetric.Cosine, index ?? IndexParameters.Exact)
        .WithAttribute("price", AttributeType.Number)
        .WithAttribute("category", AttributeType.String)
        .WithAttribute("year", AttributeType.Integer)
        .WithAttribute("stock", AttributeType.Boolean);

    public static float[] RandomVector(Random random, int dimension = Dimension)
    {
        var v = new float[dimension];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return v;
    }

    /// <summary>Items with both modalities and all attributes, keyed "k0", "k1", …; the vectors are returned for oracles.</summary>
    public static (string Key, float[] Image, float[] Audio, double Price, string Category)[] Fill(MultiModalCollection collection, int count, int seed)
    {
        var random = new Random(seed);
        var items = new (string, float[], float[], double, string)[count];
        string[] categories = ["lamp", "chair", "vase"];
        for (int i = 0; i < count; i++)
        {
            float[] image = RandomVector(random), audio = RandomVector(random);
            double price = Math.Round(random.NextDouble() * 100, 2);
            string category = categories[i % categories.Length];
            collection.Upsert($"k{i}", new MultiModalItem()
                .SetEmbedding(Image, image)
                .SetEmbedding(Audio, audio)
                .SetAttribute("price", price)
                .SetAttribute("category", category)
                .SetAttribute("year", 2000 + (i % 25))
                .SetAttribute("stock", i % 2 == 0));
            items[i] = ($"k{i}", image, audio, price, category);
        }

        return items;
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "mmm-facade-tests", Guid.NewGuid().ToString("N"));
}
