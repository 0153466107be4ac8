using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [TestCase("ann_sift5k_ngt/derived", "split_base4900.fvecs", "split_query100.fvecs", "split_groundtruth_l2_k100.ivecs", DistanceMetric.L2)]
    [TestCase("ann_mnist_t10k/derived", "mnist_t10k_base9000.fvecs", "mnist_t10k_query1000.fvecs", "mnist_t10k_groundtruth_l2_k100.ivecs", DistanceMetric.L2)]
    [TestCase("glove_6B_50d_first2445/derived", "split_base.fvecs", "split_query.fvecs", "split_groundtruth_cosine_k100.ivecs", DistanceMetric.Cosine)]
    public void RealData_RecallAt10_AtLeast95PercentAtEf64(string folder, string baseFile, string queryFile, string truthFile, DistanceMetric metric)
    {
        string path = HnswTestSupport.RequireSharedData(folder);
        float[] vectors = TexmexFile.ReadFvecs(Path.Combine(path, baseFile), out int count, out int dimension);
        float[] queries = TexmexFile.ReadFvecs(Path.Combine(path, queryFile), out int queryCount, out _, maxRows: HnswTestSupport.LongTests ? int.MaxValue : 300);
        int[] truth = TexmexFile.ReadIvecs(Path.Combine(path, truthFile), out _, out int truthK);
        using HnswIndex index = HnswTestSupport.Build(vectors, dimension, metric, efConstruction: 200, threads: 2);

        var results = new Neighbor[10];
        long hits = 0;
        for (int q = 0; q < queryCount; q++)
        {
            int n = index.Search(queries.AsSpan(q * dimension, dimension), 10, results, efSearch: 64);
            var expected = truth.AsSpan(q * truthK, 10).ToArray().ToHashSet();
            hits += results.Take(n).Count(r => expected.Contains(r.Id));
        }

        double recall = (double)hits / (queryCount * 10);
        TestContext.Out.WriteLine($"{folder}: n={count} d={dimension} recall@10={recall:F4} at ef=64");
        Assert.That(recall, Is.GreaterThanOrEqualTo(0.95));
    }
}
