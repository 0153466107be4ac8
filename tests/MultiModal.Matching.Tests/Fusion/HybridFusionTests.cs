using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class HybridFusionTests
{
    private const string Replay = "20261122,13";

    [Property(MaxTest = 20, Replay = Replay, QuietOnSuccess = true)]
    public bool Search_AllCandidatesWithRawWeightedSum_EqualsExhaustiveScoring(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(seed, 80, missingRate: 0.3);
        float[] weights = [(float)random.NextDouble() + 0.1f, (float)random.NextDouble() + 0.1f, (float)random.NextDouble() + 0.1f];
        var rerank = Fuse.Late(Combine.WeightedSum(Normalize.None))
            .Weighted(Modality.Text, weights[0]).Weighted(Modality.Image, weights[1]).Weighted(Modality.Audio, weights[2])
            .OnMissingInItem(MissingModalityPolicy.Skip);
        var hybrid = Fuse.Hybrid(coarse: Fuse.Early(), rerank: rerank, candidates: data.Count);
        int k = random.Next(1, 15);
        var query = data.RandomQuery(random, k, [true, random.Next(2) == 0, true]);
        var expected = ExhaustiveOracle.TopK(data, query, weights, Combine.WeightedSum(Normalize.None), MissingModalityPolicy.Skip, k);
        var result = hybrid.Search(data.Source, query);
        return result.ToIdArray().SequenceEqual(expected.Select(e => e.Id))
            && expected.Select((e, i) => MathF.Abs(e.Score - result[i].Score) < 1e-4f).All(ok => ok);
    }

    [Test]
    public void Search_RerankExplanation_MarksExactScoresAndRanksAmongCandidates()
    {
        var data = FusionTestData.Create(21, 100, missingRate: 0.2);
        var query = data.RandomQuery(new Random(8), 5, [true, true, true]);
        var hybrid = Fuse.Hybrid(Fuse.Late(Combine.Rrf()).WithWindow(40), Fuse.Late(Combine.Rrf(60)), candidates: 50);
        var result = hybrid.Search(data.Source, query);
        Assert.That(result.Count, Is.EqualTo(5));
        Assert.That(result.Window, Is.EqualTo(50));
        foreach (var match in result.Matches)
        {
            for (int m = 0; m < 3; m++)
            {
                var c = match.Explanation.Span[m];
                if (data.Vectors[m][match.Id] is null)
                {
                    Assert.That(c.Source, Is.EqualTo(ContributionSource.Filled), "Fill(0) for an item without the modality");
                    continue;
                }

                query.TryGetEmbedding(data.Modalities[m], out var e);
                Assert.That(c.Source, Is.EqualTo(ContributionSource.Recomputed));
                Assert.That(c.RawScore, Is.EqualTo(data.Similarity(m, e.Span, match.Id)).Within(1e-5));
                Assert.That(c.Rank, Is.InRange(1, 50));
                Assert.That(c.Contribution, Is.EqualTo(c.Weight / (60f + c.Rank)).Within(1e-7));
            }
        }
    }

    [TestCase(40)]
    [TestCase(120)]
    [TestCase(300)]
    public void Search_RankBasedRerank_RankIsOnePlusTheStrictlyBetterCandidates(int count)
    {
        var data = FusionTestData.Create(24, count, missingRate: 0.2);
        var query = data.RandomQuery(new Random(10), count, [true, true, true]);
        foreach (var combination in new[] { Combine.Rrf(60), Combine.Borda() })
        {
            // Every item is a candidate and every candidate is returned, so each rank can be checked against all the others.
            var result = Fuse.Hybrid(Fuse.Early(), Fuse.Late(combination), candidates: count).Search(data.Source, query);
            Assert.That(result.Count, Is.GreaterThan(count * 9 / 10), combination.ToString());
            for (int m = 0; m < 3; m++)
            {
                var scored = result.Matches.ToArray()
                    .Select(match => match.Explanation.Span[m])
                    .Where(c => c.Source == ContributionSource.Recomputed)
                    .ToArray();
                foreach (var c in scored)
                {
                    int better = scored.Count(other => other.RawScore > c.RawScore);
                    Assert.That(c.Rank, Is.EqualTo(1 + better), $"{combination}, slot {m}, raw {c.RawScore}");
                }
            }
        }
    }

    [Test]
    public void Search_ScoreCombinerRanks_AreComputedLazilyForExplanations()
    {
        var data = FusionTestData.Create(22, 100);
        var query = data.RandomQuery(new Random(9), 3, [true, true, true]);
        var result = Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), candidates: 30).Search(data.Source, query);
        var rrf = Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.Rrf()), candidates: 30).Search(data.Source, query);
        // Ranks among the same 30 candidates do not depend on the combiner.
        var rankOf = rrf.Matches.ToArray().Concat(result.Matches.ToArray()).ToLookup(m => m.Id, m => m.Explanation.Span[0].Rank);
        foreach (var group in rankOf)
        {
            Assert.That(group.Distinct().Count(), Is.EqualTo(1), $"rank of #{group.Key}");
        }
    }

    [TestCase(DistanceMetric.Cosine)]
    [TestCase(DistanceMetric.DotProduct)]
    [TestCase(DistanceMetric.L2)]
    public void Search_InPlaceScoringAndCopyPath_GiveTheSameResult(DistanceMetric metric)
    {
        var data = FusionTestData.Create(23, 150, metrics: [metric, metric, metric], missingRate: 0.3);
        var generic = new FusionSource(data.Modalities.Zip(data.Indexes, (m, i) => KeyValuePair.Create(m, (IVectorIndex)new ForwardingIndex(i))), data.Layout, data.Joint);
        var query = data.RandomQuery(new Random(5), 10, [true, true, true]);
        IFusion[] fusions =
        [
            Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), 80),
            Fuse.Late(Combine.WeightedSum(Normalize.MetricMap)).WithWindow(10).OnMissingInItem(MissingModalityPolicy.Recompute(0.1f)),
        ];
        foreach (var fusion in fusions)
        {
            var direct = fusion.Search(data.Source, query);
            var copied = fusion.Search(generic, query);
            Assert.That(copied.ToIdArray(), Is.EqualTo(direct.ToIdArray()), fusion.ToString());
            for (int i = 0; i < direct.Count; i++)
            {
                Assert.That(copied[i].Score, Is.EqualTo(direct[i].Score).Within(1e-5));
            }
        }
    }

    [TestCase(DistanceMetric.Cosine)]
    [TestCase(DistanceMetric.L2)]
    public void Search_InPlaceScoringOverHnsw_EqualsCopyPath(DistanceMetric metric)
    {
        var data = FusionTestData.Create(29, 150, metrics: [metric, metric, metric], missingRate: 0.3);
        var hnsw = new HnswIndex[3];
        for (int m = 0; m < 3; m++)
        {
            hnsw[m] = new HnswIndex(new HnswOptions { Dimension = data.Indexes[m].Dimension, Metric = metric, M = 8, EfConstruction = 32 });
            for (int id = 0; id < data.Count; id++)
            {
                if (data.Vectors[m][id] is { } vector)
                {
                    hnsw[m].Add(id, vector);
                }
            }
        }

        try
        {
            var inPlace = new FusionSource(data.Modalities.Zip(hnsw, (m, i) => KeyValuePair.Create(m, (IVectorIndex)i)), data.Layout, data.Joint);
            var copied = new FusionSource(data.Modalities.Zip(hnsw, (m, i) => KeyValuePair.Create(m, (IVectorIndex)new ForwardingIndex(i))), data.Layout, data.Joint);
            var query = data.RandomQuery(new Random(6), 10, [true, true, true]);
            foreach (var rerank in new[] { Combine.WeightedSum(Normalize.ZScore), Combine.Rrf(60) })
            {
                var fusion = Fuse.Hybrid(Fuse.Early(), Fuse.Late(rerank), 80);
                var direct = fusion.Search(inPlace, query);
                var copy = fusion.Search(copied, query);
                Assert.That(direct.ToIdArray(), Is.EqualTo(copy.ToIdArray()), rerank.ToString());
                for (int i = 0; i < direct.Count; i++)
                {
                    Assert.That(direct[i].Score, Is.EqualTo(copy[i].Score), "the in-place kernel is bit-identical to the copy path's");
                    Assert.That(direct[i].Explanation.ToArray(), Is.EqualTo(copy[i].Explanation.ToArray()));
                }
            }
        }
        finally
        {
            foreach (var index in hnsw)
            {
                index.Dispose();
            }
        }
    }

    [Test]
    public void Hybrid_Builders_Validate()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Fuse.Hybrid(Fuse.Early(), Fuse.Late(), 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Fuse.Hybrid(null!, Fuse.Late()), Throws.ArgumentNullException);
            Assert.That(Fuse.Hybrid(Fuse.Early(), Fuse.Late()).WithCandidates(7).Candidates, Is.EqualTo(7));
            Assert.That(Fuse.Hybrid(Fuse.Early(), Fuse.Late()).ToString(), Does.Contain("candidates: 200"));
        });
    }
}
