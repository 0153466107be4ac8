using MultiModal.Matching.Fusion;
using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Tests.Fusion.Scoring;

public sealed class CombinersTests
{
    [TestCase(1, 60, 1f / 61)]
    [TestCase(3, 60, 1f / 63)]
    [TestCase(1, 0, 1f)]
    [TestCase(0, 60, 0f)] // unranked contributes nothing
    public void Rrf_Term_IsReciprocalOfKPlusRank(int rank, int k, float expected) =>
        Assert.That(RrfCombiner.Term(0.123f, rank, 100, k), Is.EqualTo(expected).Within(1e-7));

    [TestCase(1, 3, 3f)]
    [TestCase(3, 3, 1f)]
    [TestCase(4, 3, 0f)]
    [TestCase(0, 3, 0f)]
    public void Borda_Term_IsPointsFromTheBottom(int rank, int n, float expected) =>
        Assert.That(BordaCombiner.Term(0f, rank, n, 0), Is.EqualTo(expected));

    [Test]
    public void ScoreCombiners_Term_IsTheNormalisedScore()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WeightedSumCombiner.Term(0.4f, 7, 10, 60), Is.EqualTo(0.4f));
            Assert.That(CombMnzCombiner.Term(0.4f, 7, 10, 60), Is.EqualTo(0.4f));
            Assert.That(MaxCombiner.Term(0.4f, 7, 10, 60), Is.EqualTo(0.4f));
            Assert.That(WeightedSumCombiner.IsMax || WeightedSumCombiner.CountsHits, Is.False);
            Assert.That(CombMnzCombiner.CountsHits, Is.True);
            Assert.That(MaxCombiner.IsMax, Is.True);
        });
    }

    [Test]
    public void FuseTerms_WeightedSum_RenormalisesOverPresent()
    {
        float[] weights = [0.5f, 0.25f, 0.25f];
        float[] terms = [0.8f, 0.4f, 99f];
        bool[] present = [true, true, false];
        // (0.5·0.8 + 0.25·0.4) / 0.75
        Assert.That(CandidateScoring.FuseTerms(weights, terms, present, isMax: false), Is.EqualTo(0.6666667f).Within(1e-6));
    }

    [Test]
    public void FuseTerms_Max_ScalesByLargestWeight()
    {
        float[] weights = [0.5f, 0.25f];
        float[] terms = [0.2f, 0.9f];
        bool[] present = [true, true];
        // max(1·0.2, 0.5·0.9)
        Assert.That(CandidateScoring.FuseTerms(weights, terms, present, isMax: true), Is.EqualTo(0.45f).Within(1e-6));
    }

    [Test]
    public void FuseTerms_NothingPresent_IsNegativeInfinityNotNaN()
    {
        float v = CandidateScoring.FuseTerms([0.5f, 0.5f], [1f, 1f], [false, false], isMax: false);
        Assert.That(float.IsNegativeInfinity(v), Is.True);
    }

    [TestCase(new[] { 0.9f, 0.5f, 0.1f }, 0.95f, 1)]
    [TestCase(new[] { 0.9f, 0.5f, 0.1f }, 0.5f, 2)]
    [TestCase(new[] { 0.9f, 0.5f, 0.1f }, 0.05f, 4)]
    [TestCase(new float[0], 0.3f, 1)]
    public void RankIn_CountsStrictlyBetterScores(float[] descending, float raw, int expected) =>
        Assert.That(CandidateScoring.RankIn(descending, raw), Is.EqualTo(expected));

    [Test]
    public void Combine_Factories_ValidateAndDescribe()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Combine.Rrf().RrfK, Is.EqualTo(60));
            Assert.That(Combine.Rrf(2).ToString(), Is.EqualTo("Rrf(k=2)"));
            Assert.That(Combine.WeightedSum().Normalization, Is.EqualTo(ScoreNormalization.MinMax));
            Assert.That(Combine.Borda().UsesRanks, Is.True);
            Assert.That(Combine.WeightedSum(Normalize.Rank).UsesRanks, Is.True);
            Assert.That(Combine.CombMnz(Normalize.ZScore).UsesRanks, Is.False);
            Assert.That(() => Combine.Rrf(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Combine.Max((ScoreNormalization)42), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
