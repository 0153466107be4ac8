using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace MultiModal.Matching.Tests.Fusion;

public sealed partial class LateFusionTests
{
    private const string Replay = "20261122,5";

    private static readonly ScoreCombination[] AllCombinations =
    [
        Combine.WeightedSum(Normalize.None), Combine.WeightedSum(Normalize.MinMax), Combine.WeightedSum(Normalize.ZScore),
        Combine.WeightedSum(Normalize.Dbsf), Combine.WeightedSum(Normalize.MetricMap), Combine.WeightedSum(Normalize.Rank),
        Combine.CombMnz(Normalize.MinMax), Combine.Max(Normalize.Dbsf), Combine.Rrf(60), Combine.Rrf(2), Combine.Borda(),
    ];

    private static readonly MissingModalityPolicy[] ItemPolicies =
        [MissingModalityPolicy.Skip, MissingModalityPolicy.Fill(0), MissingModalityPolicy.Fill(0.5f), MissingModalityPolicy.Recompute(), MissingModalityPolicy.Recompute(0.1f)];

    [Property(MaxTest = 25, Replay = Replay, QuietOnSuccess = true)]
    public bool Search_ModalityOrderInSource_DoesNotMatter(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(seed, 120, missingRate: 0.3);
        var fusion = Fuse.Late(AllCombinations[random.Next(AllCombinations.Length)])
            .WithWindow(15)
            .Weighted(text: random.NextDouble(), image: random.NextDouble() + 0.1, audio: random.NextDouble())
            .OnMissingInItem(ItemPolicies[random.Next(ItemPolicies.Length)]);
        var query = data.RandomQuery(random, 8, [true, true, true]);
        var permuted = new FusionSource(new[] { 2, 0, 1 }.Select(m => KeyValuePair.Create(data.Modalities[m], (IVectorIndex)data.Indexes[m])));
        var a = fusion.Search(data.Source, query);
        var b = fusion.Search(permuted, query);
        return SameRanking(a, b);
    }

    [Property(MaxTest = 25, Replay = Replay, QuietOnSuccess = true)]
    public bool Search_ZeroWeight_RemovesTheModalitysInfluence(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(seed, 120, missingRate: 0.2);
        var fusion = Fuse.Late(AllCombinations[random.Next(AllCombinations.Length)])
            .WithWindow(12)
            .OnMissingInItem(ItemPolicies[random.Next(ItemPolicies.Length)])
            .Weighted(Modality.Audio, 0);
        var query = data.RandomQuery(random, 8, [true, true, true]);
        var otherAudio = query.Clone().With(Modality.Audio, FusionTestData.RandomVector(random, data.Indexes[2].Dimension));
        var noAudio = query.Clone();
        noAudio.Remove(Modality.Audio);
        var a = fusion.Search(data.Source, query);
        return SameRanking(a, fusion.Search(data.Source, otherAudio)) && SameRanking(a, fusion.Search(data.Source, noAudio));
    }

    [Property(MaxTest = 25, Replay = Replay, QuietOnSuccess = true)]
    public bool Search_RrfWithOneList_ReproducesThatListsOrder(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(seed, 150);
        int slot = random.Next(3);
        var query = new FusionQuery(10).With(data.Modalities[slot], FusionTestData.RandomVector(random, data.Indexes[slot].Dimension));
        var fused = Fuse.Late(Combine.Rrf(random.Next(0, 100))).WithWindow(20).Search(data.Source, query).ToIdArray();
        var direct = new Neighbor[10];
        int n = data.Indexes[slot].Search(query.TryGetEmbedding(data.Modalities[slot], out var e) ? e.Span : default, 10, direct);
        return fused.SequenceEqual(direct.Take(n).Select(d => d.Id));
    }

    [Property(MaxTest = 30, Replay = Replay, QuietOnSuccess = true)]
    public bool Exact_ThresholdAlgorithm_EqualsExhaustiveScoring(int seed)
    {
        var random = new Random(seed);
        var data = FusionTestData.Create(
            seed,
            160,
            metrics: [DistanceMetric.Cosine, DistanceMetric.DotProduct, DistanceMetric.L2],
            missingRate: 0.3);
        var normalization = new[] { ScoreNormalization.None, ScoreNormalization.MetricMap }[random.Next(2)];
        var combination = random.Next(2) == 0 ? Combine.WeightedSum(normalization) : Combine.Max(normalization);
        var itemPolicy = new[] { MissingModalityPolicy.Skip, MissingModalityPolicy.Fill(0.2f), MissingModalityPolicy.Recompute() }[random.Next(3)];
        float[] weights = [(float)random.NextDouble() + 0.05f, (float)random.NextDouble() + 0.05f, (float)random.NextDouble()];
        var fusion = Fuse.Late(combination).WithWindow(3).Exact().OnMissingInItem(itemPolicy)
            .Weighted(Modality.Text, weights[0]).Weighted(Modality.Image, weights[1]).Weighted(Modality.Audio, weights[2]);
        bool[] present = [true, random.Next(3) > 0, random.Next(3) > 0];
        int k = random.Next(1, 12);
        var query = data.RandomQuery(random, k, present);
        var result = fusion.Search(data.Source, query);
        var expected = ExhaustiveOracle.TopK(data, query, weights, combination, itemPolicy, k);
        if (!result.ToIdArray().SequenceEqual(expected.Select(e => e.Id)))
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (MathF.Abs(result[i].Score - expected[i].Score) > 1e-4f)
            {
                return false;
            }
        }

        return true;
    }

    [Test]
    public void Exact_GrowsTheWindowBeyondTheConfiguredOne()
    {
        var data = FusionTestData.Create(7, 300, missingRate: 0.2);
        var query = data.RandomQuery(new Random(3), 10, [true, true, true]);
        var result = Fuse.Late(Combine.WeightedSum(Normalize.None)).WithWindow(2).Exact().Search(data.Source, query);
        Assert.That(result.Window, Is.GreaterThan(10));
        Assert.That(result.Count, Is.EqualTo(10));
    }

    private static bool SameRanking(FusionResult a, FusionResult b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Id != b[i].Id || MathF.Abs(a[i].Score - b[i].Score) > 1e-5f * MathF.Max(1, MathF.Abs(a[i].Score)))
            {
                return false;
            }
        }

        return true;
    }
}
