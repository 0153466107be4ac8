using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class SpectralShapeTests
{
    [Test]
    public void Describe_SingleBin_CentroidAtBin_NoSpread()
    {
        var s = new float[257];
        s[64] = 3;
        (float centroid, float bandwidth, float rolloff) = SpectralShape.Describe(s, 31.25);
        Assert.That(centroid, Is.EqualTo(2000f));
        Assert.That(bandwidth, Is.EqualTo(0f));
        Assert.That(rolloff, Is.EqualTo(2000f));
    }

    [Test]
    public void Describe_TwoEqualBins_CentroidBetween_BandwidthHalfDistance()
    {
        var s = new float[11];
        s[2] = 1;
        s[8] = 1;
        (float centroid, float bandwidth, float rolloff) = SpectralShape.Describe(s, 100);
        Assert.That(centroid, Is.EqualTo(500f).Within(1e-3f));
        Assert.That(bandwidth, Is.EqualTo(300f).Within(1e-3f));
        Assert.That(rolloff, Is.EqualTo(800f), "85 % of the energy is reached only at the second bin");
        Assert.That(SpectralShape.Describe(new float[11], 100), Is.EqualTo((0f, 0f, 0f)));
    }

    [Test]
    public void ZeroCrossingRate_CountsSignChanges()
    {
        Assert.That(SpectralShape.ZeroCrossingRate(new float[] { 1, -1, 1, -1 }), Is.EqualTo(0.75f));
        Assert.That(SpectralShape.ZeroCrossingRate(new float[] { 0, 1, 2, 0 }), Is.EqualTo(0f));
        Assert.That(SpectralShape.ZeroCrossingRate(new float[] { 1 }), Is.EqualTo(0f));
    }
}
