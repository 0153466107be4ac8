using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>
/// Hand-computed late fusion over two dot-product modalities with window 3. Raw scores (query = (1, 0)):
/// text: #1 0.9, #2 0.5, #3 0.1 (#4 has no text); image: #2 0.8, #3 0.6, #4 0.2, and #1 0.15 (just outside the window).
/// Queries ask for k = 3 so that the effective window max(window, k) is 3.
/// </summary>
public sealed partial class LateFusionTests
{
    private static readonly float[] Unit = [1f, 0f];

    private static FusionSource HandSource(bool emptyImage = false)
    {
        var text = new FlatIndex(2, DistanceMetric.DotProduct);
        text.Add(1, [0.9f, 0f]);
        text.Add(2, [0.5f, 0f]);
        text.Add(3, [0.1f, 0f]);
        var image = new FlatIndex(2, DistanceMetric.DotProduct);
        if (!emptyImage)
        {
            image.Add(1, [0.15f, 0f]);
            image.Add(2, [0.8f, 0f]);
            image.Add(3, [0.6f, 0f]);
            image.Add(4, [0.2f, 0f]);
        }

        return new FusionSource([KeyValuePair.Create(Modality.Text, (IVectorIndex)text), KeyValuePair.Create(Modality.Image, (IVectorIndex)image)]);
    }

    private static FusionQuery BothQuery(int k = 3) => new FusionQuery(k).With(Modality.Text, Unit).With(Modality.Image, Unit);

    private static (int Id, float Score)[] Run(IFusion fusion, FusionQuery? query = null, FusionSource? source = null)
    {
        var result = fusion.Search(source ?? HandSource(), query ?? BothQuery());
        return result.Matches.ToArray().Select(m => (m.Id, m.Score)).ToArray();
    }

    private static void AssertRanking((int Id, float Score)[] actual, params (int Id, float Score)[] expected)
    {
        Assert.That(actual.Select(a => a.Id), Is.EqualTo(expected.Select(e => e.Id)));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i].Score, Is.EqualTo(expected[i].Score).Within(1e-5), $"score of #{expected[i].Id}");
        }
    }

    [Test]
    public void Search_Rrf_MatchesHandComputedScores()
    {
        // Σ 0.5/(60 + r): #2 = 0.5/62 + 0.5/61, #3 = 0.5/63 + 0.5/62, #1 = 0.5/61, #4 = 0.5/63.
        var actual = Run(Fuse.Late(Combine.Rrf(60)).WithWindow(3));
        AssertRanking(actual, (2, (0.5f / 62) + (0.5f / 61)), (3, (0.5f / 63) + (0.5f / 62)), (1, 0.5f / 61));
    }

    [Test]
    public void Search_WeightedSumMinMax_MatchesHandComputedScores()
    {
        // text min-max: #1 1, #2 0.5, #3 0; image: #2 1, #3 2/3, #4 0; absent = Fill(0).
        var actual = Run(Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3));
        AssertRanking(actual, (2, 0.75f), (1, 0.5f), (3, 1f / 3));
    }

    [Test]
    public void Search_WeightedSumWithWeights_RenormalisesWeights()
    {
        var actual = Run(Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3).Weighted(text: 3, image: 1));
        AssertRanking(actual, (1, 0.75f), (2, 0.625f), (3, 1f / 6));
    }

    [Test]
    public void Search_PerQueryWeight_OverridesFusionWeight()
    {
        var query = new FusionQuery(3).With(Modality.Text, Unit, weight: 3).With(Modality.Image, Unit, weight: 1);
        var actual = Run(Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3).Weighted(text: 1, image: 5), query);
        AssertRanking(actual, (1, 0.75f), (2, 0.625f), (3, 1f / 6));
    }

    [Test]
    public void Search_CombMnz_MultipliesByHits()
    {
        var actual = Run(Fuse.Late(Combine.CombMnz(Normalize.MinMax)).WithWindow(3));
        AssertRanking(actual, (2, 1.5f), (3, 2f / 3), (1, 0.5f));
    }

    [Test]
    public void Search_Max_TakesBestModality()
    {
        var actual = Run(Fuse.Late(Combine.Max(Normalize.MinMax)).WithWindow(3));
        AssertRanking(actual, (1, 1f), (2, 1f), (3, 2f / 3));
    }

    [Test]
    public void Search_Borda_CountsPoints()
    {
        // text: #1 3, #2 2, #3 1; image: #2 3, #3 2, #4 1; halved by the equal weights.
        var actual = Run(Fuse.Late(Combine.Borda()).WithWindow(3));
        AssertRanking(actual, (2, 2.5f), (1, 1.5f), (3, 1.5f));
    }

    [Test]
    public void Search_ZScore_MatchesHandComputedScores()
    {
        // text z: #1 1.2247, #2 0, #3 −1.2247; image (0.8, 0.6, 0.2): μ 0.5333, σ 0.2494 → #2 1.0690, #3 0.2673, #4 −1.3363.
        var actual = Run(Fuse.Late(Combine.WeightedSum(Normalize.ZScore)).WithWindow(3));
        AssertRanking(actual, (1, 0.61237f), (2, 0.53452f), (3, -0.47874f));
    }

    [Test]
    public void Search_Explanation_CarriesRawRankNormalisedWeightAndContribution()
    {
        var result = Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3).Search(HandSource(), BothQuery());
        var first = result[0];
        Assert.That(first.Id, Is.EqualTo(2));
        var text = first.Explanation.Span[0];
        var image = first.Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(result.Modalities, Is.EqualTo(new[] { Modality.Text, Modality.Image }));
            Assert.That(text.Modality, Is.EqualTo(Modality.Text));
            Assert.That(text.RawScore, Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(text.Rank, Is.EqualTo(2));
            Assert.That(text.NormalizedScore, Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(text.Weight, Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(text.Contribution, Is.EqualTo(0.25f).Within(1e-6));
            Assert.That(text.Source, Is.EqualTo(ContributionSource.Retrieved));
            Assert.That(text.QueryHasModality, Is.True);
            Assert.That(image.RawScore, Is.EqualTo(0.8f).Within(1e-6));
            Assert.That(image.Rank, Is.EqualTo(1));
            Assert.That(image.Contribution, Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(text.Contribution + image.Contribution, Is.EqualTo(first.Score).Within(1e-6));
            Assert.That(result.CandidatesScored, Is.EqualTo(4));
            Assert.That(result.Window, Is.EqualTo(3));
        });
    }

    [Test]
    public void Search_WindowBelowK_IsRaisedToK()
    {
        var result = Fuse.Late(Combine.Rrf()).WithWindow(3).Search(HandSource(), BothQuery(5));
        Assert.That(result.Window, Is.EqualTo(5));
        Assert.That(result.ToIdArray(), Is.EqualTo(new[] { 2, 1, 3, 4 }), "#1's image score (rank 4) enters the window of 5");
    }

    [Test]
    public void Search_ItemFoundByOneModalityOnly_IsExplainedAsFilled()
    {
        var result = Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3).Search(HandSource(), BothQuery());
        var one = result.Matches.ToArray().Single(m => m.Id == 1);
        var text = one.Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(text.Source, Is.EqualTo(ContributionSource.Filled));
            Assert.That(text.Rank, Is.Zero);
            Assert.That(float.IsNaN(text.RawScore), Is.True);
            Assert.That(text.NormalizedScore, Is.Zero);
            Assert.That(text.QueryHasModality, Is.True);
        });
    }

    [Test]
    public void Search_EmptyListForAModality_FusesTheOthers()
    {
        var actual = Run(Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3), source: HandSource(emptyImage: true));
        AssertRanking(actual, (1, 0.5f), (2, 0.25f), (3, 0f));
    }

    [Test]
    public void Search_ResultIsReusable_AndStatisticsReset()
    {
        var fusion = Fuse.Late(Combine.Rrf()).WithWindow(3);
        var result = new FusionResult();
        fusion.Search(HandSource(), BothQuery(), result);
        fusion.Search(HandSource(), new FusionQuery(2).With(Modality.Text, Unit), result);
        Assert.That(result.ToIdArray(), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Search_Filter_IsRespected()
    {
        var query = BothQuery();
        query.Filter = new OddIds();
        var actual = Run(Fuse.Late(Combine.Rrf()).WithWindow(3), query);
        Assert.That(actual.Select(a => a.Id), Is.EqualTo(new[] { 1, 3 }), "tied RRF scores break by ascending id");
    }

    [Test]
    public void Search_BadQueries_ThrowSpecificExceptions()
    {
        var fusion = Fuse.Late();
        var source = HandSource();
        Assert.Multiple(() =>
        {
            Assert.That(() => fusion.Search(source, new FusionQuery(3)), Throws.ArgumentException, "no modality");
            Assert.That(() => fusion.Search(source, new FusionQuery(3).With(Modality.Audio, Unit)), Throws.ArgumentException, "unknown modality");
            Assert.That(() => fusion.Search(source, new FusionQuery(3).With(Modality.Text, new float[3])), Throws.ArgumentException, "wrong dimension");
            Assert.That(() => fusion.Search(source, new FusionQuery(3).With(Modality.Text, Unit, weight: 0)), Throws.ArgumentException, "all weights zero");
            Assert.That(() => fusion.Search(null!, BothQuery()), Throws.ArgumentNullException);
            Assert.That(() => Fuse.Late(Combine.WeightedSum(Normalize.Calibrated)).Search(source, BothQuery()), Throws.InvalidOperationException, "no calibration");
            Assert.That(() => fusion.WithWindow(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => fusion.Weighted(Modality.Text, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => fusion.Weighted(Modality.Text, float.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => fusion.Exact(), Throws.InvalidOperationException, "RRF is not exact-capable");
            Assert.That(() => fusion.OnMissingInQuery(MissingModalityPolicy.Recompute()), Throws.ArgumentException);
        });
    }

    [Test]
    public void Builders_AreImmutable()
    {
        var a = Fuse.Late(Combine.Rrf());
        var b = a.Weighted(text: 0.6, image: 0.4).WithWindow(50);
        Assert.Multiple(() =>
        {
            Assert.That(a.GetWeight(Modality.Text), Is.EqualTo(1f));
            Assert.That(a.Window, Is.EqualTo(100));
            Assert.That(b.GetWeight(Modality.Text), Is.EqualTo(0.6f));
            Assert.That(b.Window, Is.EqualTo(50));
            Assert.That(b.ToString(), Does.Contain("Rrf(k=60)"));
        });
    }

    private sealed class OddIds : IIdFilter
    {
        public int EstimatedMatchCount => -1;

        public bool Matches(int id) => id % 2 == 1;
    }
}
