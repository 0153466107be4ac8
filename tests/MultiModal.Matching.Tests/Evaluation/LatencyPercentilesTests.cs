using MultiModal.Matching.Evaluation;

namespace MultiModal.Matching.Tests.Evaluation;

public sealed class LatencyPercentilesTests
{
    [Test]
    public void FromSamples_NearestRank()
    {
        double[] samples = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray();
        var p = LatencyPercentiles.FromSamples(samples);
        Assert.That(p, Is.EqualTo(new LatencyPercentiles(100, 50, 90, 99, 100, 50.5)));
        Assert.That(samples[0], Is.EqualTo(100), "the input is not reordered");
    }

    [Test]
    public void FromSamples_EdgeCases()
    {
        Assert.That(LatencyPercentiles.FromSamples([]), Is.EqualTo(default(LatencyPercentiles)));
        Assert.That(LatencyPercentiles.FromSamples([7]).P99, Is.EqualTo(7));
        Assert.That(() => LatencyPercentiles.FromSamples([1, double.NaN]), Throws.ArgumentException);
        Assert.That(() => LatencyPercentiles.FromSamples([-1]), Throws.ArgumentException);
    }
}
