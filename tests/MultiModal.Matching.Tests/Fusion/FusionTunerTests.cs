using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class FusionTunerTests
{
    private static readonly FusionTunerOptions Options = new()
    {
        Seed = 3,
        Combinations = [Combine.WeightedSum(Normalize.MinMax), Combine.WeightedSum(Normalize.ZScore), Combine.Rrf(60)],
        Base = Fuse.Late(Combine.Rrf()).WithWindow(30),
    };

    [Test]
    public void Tune_LearnsToDownWeightTheUninformativeModality()
    {
        var data = FusionTestData.Create(31, 300, dimensions: [8, 8, 8]);
        var queries = SyntheticRelevance.Queries(data, 40, seed: 5);
        var tuned = new FusionTuner(Options).Tune(data.Source, queries);
        Assert.Multiple(() =>
        {
            Assert.That(tuned.Fusion.GetWeight(Modality.Audio), Is.LessThan(tuned.Fusion.GetWeight(Modality.Text)));
            Assert.That(tuned.ValidationNdcg, Is.GreaterThanOrEqualTo(tuned.BaselineValidationNdcg));
            Assert.That(tuned.TrainQueries + tuned.ValidationQueries, Is.EqualTo(40));
            Assert.That(tuned.ValidationQueries, Is.EqualTo(12));
            Assert.That(tuned.ConfigurationsTried, Is.GreaterThan(3));
            Assert.That(tuned.Fusion.Window, Is.EqualTo(30), "the base's window is kept");
        });
    }

    [Test]
    public void Tune_SameSeed_SameResult()
    {
        var data = FusionTestData.Create(32, 150, dimensions: [8, 8, 8]);
        var queries = SyntheticRelevance.Queries(data, 20, seed: 6);
        var a = new FusionTuner(Options).Tune(data.Source, queries);
        var b = new FusionTuner(Options).Tune(data.Source, queries);
        Assert.That(a.Fusion.ToString(), Is.EqualTo(b.Fusion.ToString()));
        Assert.That(a.ValidationNdcg, Is.EqualTo(b.ValidationNdcg));
    }

    [Test]
    public void Tune_BadInput_Throws()
    {
        var data = FusionTestData.Create(33, 20);
        var queries = SyntheticRelevance.Queries(data, 1, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(() => new FusionTuner().Tune(data.Source, queries), Throws.ArgumentException, "one query cannot be split");
            Assert.That(() => new FusionTuner(new FusionTunerOptions { K = 0 }).Tune(data.Source, queries), Throws.ArgumentException);
            Assert.That(() => new FusionTuner().Tune(null!, queries), Throws.ArgumentNullException);
        });
    }
}
