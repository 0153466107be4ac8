using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Indexing;

public sealed partial class FlatIndexTests
{
    [TestCase(DistanceMetric.Cosine)]
    [TestCase(DistanceMetric.DotProduct)]
    [TestCase(DistanceMetric.L2)]
    public void ScoreStored_ManyIdsSomeMissing_EqualsTheKernelOverCopiedVectors(DistanceMetric metric)
    {
        const int dimension = 48;
        var vectors = RandomVectors(300, dimension, 11);
        var index = new FlatIndex(dimension, metric);
        for (int id = 0; id < vectors.Length; id++)
        {
            index.Add(id * 3, vectors[id]);
        }

        index.Remove(30);
        var rng = new Random(12);
        var ids = Enumerable.Range(0, 150).Select(_ => rng.Next(900)).Append(30).ToArray();
        var query = vectors[5];
        StoredScoringAssert.EqualsTheKernelOverCopiedVectors(index, query, ids);
    }
}
