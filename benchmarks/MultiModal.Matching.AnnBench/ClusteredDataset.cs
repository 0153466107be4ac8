using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.AnnBench;

/// <summary>
/// Writes a clustered dataset (base, queries, exact L2 ground truth k = 100, computed with
/// <see cref="FlatIndex"/>) in TEXMEX format. Like real embeddings it has a low intrinsic dimension:
/// each cluster c has a centre μ_c ~ N(0, 1)ᵈ and a random basis B_c (d × 12, entries N(0, 0.3²)); a
/// point is μ_c + B_c·z + ε with z ~ N(0, I₁₂) and ε ~ N(0, 0.05²)ᵈ, its cluster drawn uniformly.
/// </summary>
internal static class ClusteredDataset
{
    public const int GroundTruthK = 100;

    public static void Generate(string folder, int count, int queries, int dimension, int clusters, int seed = 1234)
    {
        Directory.CreateDirectory(folder);
        const int Intrinsic = 12;
        var random = new Random(seed);
        float[] centres = Gaussian(random, clusters * dimension, 1.0);
        float[] bases = Gaussian(random, clusters * dimension * Intrinsic, 0.3);
        float[] all = new float[(long)(count + queries) * dimension];
        var z = new double[Intrinsic];
        for (int i = 0; i < count + queries; i++)
        {
            int c = random.Next(clusters);
            for (int t = 0; t < Intrinsic; t++)
            {
                z[t] = NextGaussian(random);
            }

            for (int j = 0; j < dimension; j++)
            {
                double value = centres[(c * dimension) + j] + (0.05 * NextGaussian(random));
                int row = ((c * dimension) + j) * Intrinsic;
                for (int t = 0; t < Intrinsic; t++)
                {
                    value += bases[row + t] * z[t];
                }

                all[((long)i * dimension) + j] = (float)value;
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
