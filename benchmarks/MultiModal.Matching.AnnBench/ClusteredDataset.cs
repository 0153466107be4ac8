using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.AnnBench;

/// <summary>
/// Writes a clustered Gaussian dataset (base, queries, exact L2 ground truth k = 100) in TEXMEX format:
/// cluster centres ~ N(0, 1)ᵈ, points = centre + N(0, 0.35²)ᵈ with a random cluster per point.
/// </summary>
internal static class ClusteredDataset
{
    public const int GroundTruthK = 100;

    public static void Generate(string folder, int count, int queries, int dimension, int clusters, int seed = 1234)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        float[] centres = Gaussian(random, clusters * dimension, 1.0);
        float[] all = new float[(long)(count + queries) * dimension];
        for (int i = 0; i < count + queries; i++)
        {
            int c = random.Next(clusters);
            for (int j = 0; j < dimension; j++)
            {
                all[((long)i * dimension) + j] = centres[(c * dimension) + j] + (float)(0.35 * NextGaussian(random));
            }
        }

        float[] baseVectors = all.AsSpan(0, count * dimension).ToArray();
        float[] queryVectors = all.AsSpan(count * dimension).ToArray();
        TexmexFile.WriteFvecs(Path.Combine(folder, "base.fvecs"), baseVectors, dimension);
        TexmexFile.WriteFvecs(Path.Combine(folder, "query.fvecs"), queryVectors, dimension);
        TexmexFile.WriteIvecs(Path.Combine(folder, "groundtruth.ivecs"), ExactNeighbors(baseVectors, queryVectors, dimension), GroundTruthK);
    }

    private static int[] ExactNeighbors(float[] baseVectors, float[] queryVectors, int dimension)
    {
        int queries = queryVectors.Length / dimension;
        var truth = new int[queries * GroundTruthK];
        var exact = new FlatIndex(dimension, DistanceMetric.L2, new FlatIndexOptions { InitialCapacity = baseVectors.Length / dimension });
        for (int i = 0; i < baseVectors.Length / dimension; i++)
        {
            exact.Add(i, baseVectors.AsSpan(i * dimension, dimension));
        }

        Parallel.For(0, queries, q =>
        {
            var results = new Neighbor[GroundTruthK];
            exact.Search(queryVectors.AsSpan(q * dimension, dimension), GroundTruthK, results);
            for (int r = 0; r < GroundTruthK; r++)
            {
                truth[(q * GroundTruthK) + r] = results[r].Id;
            }
        });
        return truth;
    }

    private static float[] Gaussian(Random random, int length, double scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(scale * NextGaussian(random));
        }

        return values;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
