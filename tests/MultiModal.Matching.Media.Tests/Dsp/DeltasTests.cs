using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class DeltasTests
{
    [Test]
    public void Compute_LinearRamp_GivesSlopeEverywhere()
    {
        // Two dimensions: slopes 2 and −0.5.
        float[] features = Enumerable.Range(0, 20).SelectMany(t => new[] { 2f * t, 3 - (0.5f * t) }).ToArray();
        var delta = new float[features.Length];
        Deltas.Compute(features, 2, delta);
        for (int t = 0; t < 20; t++)
        {
            Assert.That(delta[2 * t], Is.EqualTo(2f).Within(1e-5f));
            Assert.That(delta[(2 * t) + 1], Is.EqualTo(-0.5f).Within(1e-5f));
        }
    }

    [Test]
    public void Compute_Quadratic_InteriorIsRegressionSlope_EdgesUseEdgeWindow()
    {
        float[] x = Enumerable.Range(0, 15).Select(t => (float)(t * t)).ToArray();
        var d = new float[15];
        Deltas.Compute(x, 1, d, width: 5);
        // Interior: Σk·x[t+k]/Σk² over k = −2..2 equals 2t for x = t².
        for (int t = 2; t < 13; t++)
        {
            Assert.That(d[t], Is.EqualTo(2f * t).Within(1e-4f));
        }

        // Edges ("interp"): the slope of the line fitted to frames 0..4 (and 10..14).
        Assert.That(d[0], Is.EqualTo(d[2]).Within(1e-5f));
        Assert.That(d[1], Is.EqualTo(4f).Within(1e-4f));
        Assert.That(d[14], Is.EqualTo(24f).Within(1e-4f));
    }

    [Test]
    public void Compute_FewFrames_ShrinksWidthOrGivesZero()
    {
        var d = new float[4];
        Deltas.Compute(new float[] { 0, 1, 2, 3 }, 1, d);
        Assert.That(d, Is.EqualTo(new[] { 1f, 1f, 1f, 1f }).Within(1e-6f));
        var two = new float[2];
        Deltas.Compute(new float[] { 5, 9 }, 1, two);
        Assert.That(two, Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void Compute_Invalid_Throws()
    {
        Assert.That(() => Deltas.Compute(new float[4], 1, new float[4], width: 4), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Deltas.Compute(new float[5], 2, new float[5]), Throws.ArgumentException);
        Assert.That(() => Deltas.Compute(new float[4], 0, new float[4]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
