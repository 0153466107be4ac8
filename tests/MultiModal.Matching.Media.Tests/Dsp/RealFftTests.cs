using System.Numerics;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class RealFftTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(30)]
    [TestCase(400)]
    [TestCase(512)]
    [TestCase(2048)]
    public void Forward_MatchesNaiveDftOfRealSignal(int n)
    {
        var random = new Random(n + 100);
        float[] signal = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        Complex[] expected = FftPlanTests.NaiveDft(signal.Select(v => new Complex(v, 0)).ToArray());
        var fft = new RealFft(n);
        var spectrum = new Complex[fft.BinCount];
        fft.Forward(signal, spectrum);
        var power = new float[fft.BinCount];
        fft.Power(signal, power);

        Assert.That(fft.BinCount, Is.EqualTo((n / 2) + 1));
        for (int k = 0; k < fft.BinCount; k++)
        {
            Assert.That(Complex.Abs(spectrum[k] - expected[k]), Is.LessThan(1e-9 * n), $"k={k}");
            Assert.That(power[k], Is.EqualTo(Math.Pow(Complex.Abs(expected[k]), 2)).Within(1e-6 * n));
        }
    }
}
