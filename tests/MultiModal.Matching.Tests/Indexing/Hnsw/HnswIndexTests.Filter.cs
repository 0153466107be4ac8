using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using static MultiModal.Matching.Tests.Indexing.Hnsw.HnswTestSupport;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed partial class HnswIndexTests
{
    [TestCase(0.002, true)]
    [TestCase(0.05, true)]
    [TestCase(0.05, false)]
    [TestCase(0.3, true)]
    [TestCase(0.8, false)]
    public void Search_Filtered_HasRecallAgainstFilteredFlatIndex(double fraction, bool reportsCount)
    {
        const int Dimension = 24;
        const int Count = 6000;
        float[] data = Clustered(Count, Dimension, 30, seed: 41);
        using HnswIndex index = Build(data, Dimension, DistanceMetric.Cosine, efConstruction: 80, threads: 2);
        FlatIndex exact = Exact(Rows(data, Dimension), Dimension, DistanceMetric.Cosine);
        var random = new Random(42);
        var allowed = Enumerable.Range(0, Count).Where(_ => random.NextDouble() < fraction).ToHashSet();
        var filter = new SetFilter(allowed, reportsCount);
        double recall = Recall(index, exact, Clustered(60, Dimension, 30, seed: 41, pointSeed: 43), 10, ef: 64, filter);
        Assert.That(recall, Is.GreaterThanOrEqualTo(0.95));
    }
}
