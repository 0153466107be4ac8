using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class MelFilterBankTests
{
    [Test]
    public void MelConversion_KnownValues_AndRoundTrip()
    {
        Assert.That(MelConversion.HertzToMel(440, MelScale.Slaney), Is.EqualTo(6.6).Within(1e-12));
        Assert.That(MelConversion.HertzToMel(1000, MelScale.Slaney), Is.EqualTo(15).Within(1e-12));
        Assert.That(MelConversion.HertzToMel(6400, MelScale.Slaney), Is.EqualTo(42).Within(1e-9)); // 15 + 27 steps of ln(6.4)/27
        Assert.That(MelConversion.HertzToMel(700, MelScale.Htk), Is.EqualTo(2595 * Math.Log10(2)).Within(1e-9));
        foreach (double hz in new[] { 0.0, 123.4, 999.9, 1000, 4321, 8000, 22050 })
        {
            foreach (MelScale scale in new[] { MelScale.Slaney, MelScale.Htk })
            {
                Assert.That(MelConversion.MelToHertz(MelConversion.HertzToMel(hz, scale), scale), Is.EqualTo(hz).Within(1e-9 * (hz + 1)));
            }
        }
    }

    [TestCase(MelScale.Slaney)]
    [TestCase(MelScale.Htk)]
    public void Filters_SlaneyNormalised_HaveUnitAreaInHertz(MelScale scale)
    {
        var bank = new MelFilterBank(16000, 2048, 40, scale: scale);
        double binHz = 16000.0 / 2048;
        for (int m = 0; m < bank.MelCount; m++)
        {
            double area = 0;
            for (int k = 0; k < bank.BinCount; k++)
            {
                area += bank.Weights[(m * bank.BinCount) + k] * binHz;
            }

            Assert.That(area, Is.EqualTo(1).Within(0.12), $"filter {m}");
        }
    }

    [Test]
    public void Filters_Unnormalised_AreTrianglesWithPeakAtMostOne_Ordered()
    {
        var bank = new MelFilterBank(22050, 2048, 64, 20, 8000, MelScale.Htk, MelNormalization.None);
        int previousPeak = -1;
        for (int m = 0; m < bank.MelCount; m++)
        {
            ReadOnlySpan<float> row = bank.Weights.Slice(m * bank.BinCount, bank.BinCount);
            int peak = 0;
            for (int k = 0; k < row.Length; k++)
            {
                Assert.That(row[k], Is.InRange(0f, 1f));
                peak = row[k] > row[peak] ? k : peak;
            }

            Assert.That(peak, Is.GreaterThanOrEqualTo(previousPeak));
            previousPeak = peak;
        }

        Assert.That(bank.Weights.Slice(bank.BinCount * 63, bank.BinCount).ToArray().Skip((int)(8000 * 2048 / 22050.0) + 1).All(w => w == 0), Is.True, "nothing above fMax");
    }

    [Test]
    public void Apply_EqualsDenseMatrixProduct()
    {
        var bank = new MelFilterBank(16000, 400, 80);
        var random = new Random(3);
        float[] spectrum = Enumerable.Range(0, bank.BinCount).Select(_ => (float)random.NextDouble()).ToArray();
        var mel = new float[80];
        bank.Apply(spectrum, mel);
        for (int m = 0; m < 80; m++)
        {
            double expected = 0;
            for (int k = 0; k < bank.BinCount; k++)
            {
                expected += bank.Weights[(m * bank.BinCount) + k] * spectrum[k];
            }

            Assert.That(mel[m], Is.EqualTo(expected).Within(1e-5 * Math.Abs(expected) + 1e-9));
        }
    }

    [Test]
    public void Constructor_Invalid_Throws()
    {
        Assert.That(() => new MelFilterBank(16000, 400, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new MelFilterBank(16000, 400, 80, 100, 9000), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new MelFilterBank(16000, 400, 80, 5000, 4000), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new MelFilterBank(16000, 400, 80).Apply(new float[200], new float[80]), Throws.ArgumentException);
    }
}
