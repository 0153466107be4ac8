using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class MfccExtractorTests
{
    [Test]
    public void Dct_IsOrthonormal_AndMapsConstantToFirstCoefficient()
    {
        var dct = new Dct(16, 16);
        var identityRows = new float[16];
        for (int i = 0; i < 16; i++)
        {
            var e = new float[16];
            e[i] = 1;
            dct.Transform(e, identityRows);
            Assert.That(identityRows.Sum(v => (double)v * v), Is.EqualTo(1).Within(1e-5), "columns of an orthonormal matrix have unit norm");
        }

        var c = new float[16];
        dct.Transform(Enumerable.Repeat(3f, 16).ToArray(), c);
        Assert.That(c[0], Is.EqualTo(3 * Math.Sqrt(16)).Within(1e-5));
        Assert.That(c.Skip(1).All(v => Math.Abs(v) < 1e-5), Is.True);
    }

    [Test]
    public void Compute_Silence_ClampsToFloor_AllFramesEqual()
    {
        var mfcc = new MfccExtractor(16000);
        float[] result = mfcc.Compute(new float[3200]);
        Assert.That(mfcc.FrameCount(3200), Is.EqualTo(21));
        Assert.That(result, Has.Length.EqualTo(21 * 13));
        float c0 = (float)(10 * Math.Log10(1e-10) * Math.Sqrt(40));
        for (int t = 0; t < 21; t++)
        {
            Assert.That(result[t * 13], Is.EqualTo(c0).Within(1e-2f));
        }
    }

    [Test]
    public void Compute_FirstCoefficient_TracksLevel_HigherCoefficients_IgnoreGain()
    {
        var mfcc = new MfccExtractor(16000);
        var random = new Random(11);
        float[] noise = Enumerable.Range(0, 8000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] quiet = noise.Select(v => v * 0.1f).ToArray();
        float[] a = mfcc.Compute(noise), b = mfcc.Compute(quiet);
        int t = 20;
        // A gain of 0.1 is −20 dB in every mel band: c0 drops by 20·√40, the others are unchanged.
        Assert.That(a[t * 13] - b[t * 13], Is.EqualTo(20 * Math.Sqrt(40)).Within(0.05));
        for (int k = 1; k < 13; k++)
        {
            Assert.That(a[(t * 13) + k], Is.EqualTo(b[(t * 13) + k]).Within(0.02));
        }
    }

    [Test]
    public void Constructor_Invalid_Throws() =>
        Assert.That(() => new MfccExtractor(16000, melCount: 10, coefficientCount: 13), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
