using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

public sealed partial class LateFusionTests
{
    private static LateFusion MinMaxSum => Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(3);

    [Test]
    public void ItemSide_Skip_RenormalisesOverListsThatHaveTheItem()
    {
        var actual = Run(MinMaxSum.OnMissingInItem(MissingModalityPolicy.Skip));
        AssertRanking(actual, (1, 1f), (2, 0.75f), (3, 1f / 3));
    }

    [Test]
    public void ItemSide_Fill_UsesTheConstant()
    {
        var actual = Run(MinMaxSum.OnMissingInItem(MissingModalityPolicy.Fill(0.1f)));
        // #1 image filled 0.1.
        AssertRanking(actual, (2, 0.75f), (1, 0.55f), (3, 1f / 3));
    }

    [Test]
    public void ItemSide_Recompute_ScoresFromStoredVectorAndFallsBackToSkip()
    {
        var result = MinMaxSum.OnMissingInItem(MissingModalityPolicy.Recompute()).Search(HandSource(), BothQuery());
        // #1 image recomputed: 0.15 → (0.15 − 0.2)/0.6.
        AssertRanking(result.Matches.ToArray().Select(m => (m.Id, m.Score)).ToArray(), (2, 0.75f), (1, 0.5f - (0.5f * 0.05f / 0.6f)), (3, 1f / 3));
        var one = result[1].Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(one.Source, Is.EqualTo(ContributionSource.Recomputed));
            Assert.That(one.RawScore, Is.EqualTo(0.15f).Within(1e-6));
            Assert.That(one.Rank, Is.EqualTo(4), "the rank it would have had");
        });
    }

    [Test]
    public void ItemSide_RecomputeWithoutStoredVector_FallsBackToSkip()
    {
        // k = 4: image window 4 (min 0.15, max 0.8) → #4 image (0.2 − 0.15)/0.65; #4 has no text vector → skipped.
        var result = MinMaxSum.OnMissingInItem(MissingModalityPolicy.Recompute()).Search(HandSource(), BothQuery(4));
        var four = result.Matches.ToArray().Single(m => m.Id == 4);
        Assert.Multiple(() =>
        {
            Assert.That(four.Score, Is.EqualTo(0.05f / 0.65f).Within(1e-6));
            Assert.That(four.Explanation.Span[0].Source, Is.EqualTo(ContributionSource.Skipped));
            Assert.That(four.Explanation.Span[1].Weight, Is.EqualTo(1f), "the remaining weight is renormalised");
        });
    }

    [Test]
    public void ItemSide_RecomputeWithFallbackFill_FillsItemsWithoutVector()
    {
        var result = MinMaxSum.OnMissingInItem(MissingModalityPolicy.Recompute(fallbackFill: 0.25f)).Search(HandSource(), BothQuery(4));
        var four = result.Matches.ToArray().Single(m => m.Id == 4);
        Assert.That(four.Score, Is.EqualTo((0.5f * 0.25f) + (0.5f * 0.05f / 0.65f)).Within(1e-6));
        Assert.That(four.Explanation.Span[0].Source, Is.EqualTo(ContributionSource.Filled));
    }

    [Test]
    public void ItemSide_PerModalityPolicy_AppliesOnlyToThatModality()
    {
        var actual = Run(MinMaxSum.OnMissingInItem(Modality.Image, MissingModalityPolicy.Skip));
        Assert.That(MinMaxSum.OnMissingInItem(Modality.Image, MissingModalityPolicy.Skip).GetItemPolicy(Modality.Text), Is.EqualTo(MissingModalityPolicy.Fill(0)));
        AssertRanking(actual, (1, 1f), (2, 0.75f), (3, 1f / 3));
    }

    [Test]
    public void ItemSide_RrfWithRecompute_UsesVirtualRanks()
    {
        var actual = Run(Fuse.Late(Combine.Rrf(60)).WithWindow(3).OnMissingInItem(MissingModalityPolicy.Recompute()));
        AssertRanking(actual, (2, (0.5f / 62) + (0.5f / 61)), (1, (0.5f / 61) + (0.5f / 64)), (3, (0.5f / 63) + (0.5f / 62)));
    }

    [Test]
    public void QuerySide_Skip_RenormalisesOverQueryModalities()
    {
        var query = new FusionQuery(4).With(Modality.Text, Unit);
        var result = MinMaxSum.Search(HandSource(), query);
        AssertRanking(result.Matches.ToArray().Select(m => (m.Id, m.Score)).ToArray(), (1, 1f), (2, 0.5f), (3, 0f));
        var image = result[0].Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(image.Source, Is.EqualTo(ContributionSource.Skipped));
            Assert.That(image.QueryHasModality, Is.False);
            Assert.That(image.Weight, Is.Zero);
        });
    }

    [Test]
    public void QuerySide_Fill_GivesEveryItemTheConstant()
    {
        var query = new FusionQuery(4).With(Modality.Text, Unit);
        var result = MinMaxSum.OnMissingInQuery(Modality.Image, MissingModalityPolicy.Fill(0.3f)).Search(HandSource(), query);
        AssertRanking(result.Matches.ToArray().Select(m => (m.Id, m.Score)).ToArray(), (1, 0.65f), (2, 0.4f), (3, 0.15f));
        var image = result[0].Explanation.Span[1];
        Assert.Multiple(() =>
        {
            Assert.That(image.Source, Is.EqualTo(ContributionSource.Filled));
            Assert.That(image.QueryHasModality, Is.False);
            Assert.That(image.Contribution, Is.EqualTo(0.15f).Within(1e-6));
        });
    }

    [Test]
    public void QuerySide_FillOnEveryModality_StillNeedsOneSearchedModality() =>
        Assert.That(
            () => MinMaxSum.OnMissingInQuery(MissingModalityPolicy.Fill(1)).Search(HandSource(), new FusionQuery(3)),
            Throws.ArgumentException);

    [Test]
    public void Policies_Describe()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MissingModalityPolicy.Skip.ToString(), Is.EqualTo("Skip"));
            Assert.That(MissingModalityPolicy.Fill(0.5f).ToString(), Is.EqualTo("Fill(0.5)"));
            Assert.That(MissingModalityPolicy.Recompute().ToString(), Is.EqualTo("Recompute(else Skip)"));
            Assert.That(() => MissingModalityPolicy.Fill(float.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
