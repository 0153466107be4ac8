using MultiModal.Matching.Fusion;
using MultiModal.Matching.Fusion.Scoring;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Fusion;

public sealed partial class LateFusionTests
{
    /// <summary>
    /// The merge leaves a retrieved cell's raw and normalised scores in its list and the explanation reads them through
    /// the rank; every retrieved contribution must therefore show that list entry's score, position and min-max value.
    /// </summary>
    [Test]
    public void Search_RetrievedContributions_ShowTheirListEntry()
    {
        const int window = 20;
        var data = FusionTestData.Create(31, 200, metrics: [DistanceMetric.Cosine, DistanceMetric.DotProduct, DistanceMetric.L2]);
        var query = data.RandomQuery(new Random(12), 10, [true, true, true]);
        var result = Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(window).Search(data.Source, query);
        var lists = new float[3][];
        var ranks = new Dictionary<int, int>[3];
        for (int m = 0; m < 3; m++)
        {
            query.TryGetEmbedding(data.Modalities[m], out var e);
            var found = new Neighbor[window];
            int n = data.Indexes[m].Search(e.Span, window, found);
            lists[m] = found.Take(n).Select(x => ScoreMath.ToSimilarity(data.Indexes[m].Metric, x.Distance)).ToArray();
            ranks[m] = found.Take(n).Select((x, i) => (x.Id, Rank: i + 1)).ToDictionary(x => x.Id, x => x.Rank);
        }

        int retrieved = 0;
        foreach (var match in result.Matches)
        {
            for (int m = 0; m < 3; m++)
            {
                var c = match.Explanation.Span[m];
                if (c.Source != ContributionSource.Retrieved)
                {
                    Assert.That(ranks[m].ContainsKey(match.Id), Is.False, "an item in the list must be marked retrieved");
                    continue;
                }

                retrieved++;
                float min = lists[m].Min(), max = lists[m].Max();
                Assert.That(c.Rank, Is.EqualTo(ranks[m][match.Id]));
                Assert.That(c.RawScore, Is.EqualTo(lists[m][c.Rank - 1]).Within(1e-6));
                Assert.That(c.NormalizedScore, Is.EqualTo((c.RawScore - min) / (max - min)).Within(1e-5));
            }
        }

        Assert.That(retrieved, Is.GreaterThanOrEqualTo(10), "most top matches are retrieved by some modality");
    }
}
