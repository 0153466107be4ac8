using MultiModal.Matching.Evaluation;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>
/// Labelled queries whose target item is recoverable from text (small noise), weakly from image (large noise),
/// and not at all from audio (an unrelated vector): a ground truth where fusion weights matter.
/// </summary>
internal static class SyntheticRelevance
{
    public static List<LabelledQuery> Queries(FusionTestData data, int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<LabelledQuery>();
        for (int q = 0; q < count; q++)
        {
            int target = random.Next(data.Count);
            var query = new FusionQuery(10);
            query.With(data.Modalities[0], Noisy(random, data.Vectors[0][target]!, 0.6));
            query.With(data.Modalities[1], Noisy(random, data.Vectors[1][target]!, 1.2));
            query.With(data.Modalities[2], FusionTestData.RandomVector(random, data.Indexes[2].Dimension));
            queries.Add(new LabelledQuery(query, [target]));
        }

        return queries;
    }

    private static float[] Noisy(Random random, float[] v, double noise) =>
        v.Select(x => x + (float)(((random.NextDouble() * 2) - 1) * noise)).ToArray();
}
