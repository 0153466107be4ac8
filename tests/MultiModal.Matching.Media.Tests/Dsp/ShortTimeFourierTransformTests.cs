using System.Numerics;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class ShortTimeFourierTransformTests
{
    [Test]
    public void Reflect_MatchesNumpyPadReflect()
    {
        // np.pad([1, 2, 3, 4], 5, mode="reflect") == [2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3]
        int[] signal = [1, 2, 3, 4];
        int[] expected = [2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3];
        int[] actual = Enumerable.Range(-5, 14).Select(i => signal[ShortTimeFourierTransform.Reflect(i, 4)]).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(ShortTimeFourierTransform.Reflect(-3, 1), Is.EqualTo(0));
    }

    [Test]
    public void FrameCount_CentredAndNot()
    {
        var centred = new ShortTimeFourierTransform(400, 160);
        Assert.That(centred.FrameCount(480000), Is.EqualTo(3001));
        Assert.That(centred.FrameCount(0), Is.EqualTo(0));
        var plain = new ShortTimeFourierTransform(400, 160, center: false);
        Assert.That(plain.FrameCount(399), Is.EqualTo(0));
        Assert.That(plain.FrameCount(400 + 320), Is.EqualTo(3));
    }

    [Test]
    public void PowerSpectrogram_MatchesNaiveDftOfReflectPaddedWindowedFrames()
    {
        var random = new Random(7);
        float[] signal = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        const int n = 400, hop = 160;
        var stft = new ShortTimeFourierTransform(n, hop);
        float[] power = stft.PowerSpectrogram(signal);
        int frames = stft.FrameCount(signal.Length);
        Assert.That(power, Has.Length.EqualTo(frames * 201));

        float[] padded = Enumerable.Range(-n / 2, signal.Length + n).Select(i => signal[ShortTimeFourierTransform.Reflect(i, signal.Length)]).ToArray();
        float[] window = WindowFunction.Hann(n);
        foreach (int t in new[] { 0, 1, frames / 2, frames - 1 })
        {
            Complex[] frame = Enumerable.Range(0, n).Select(i => new Complex(padded[(t * hop) + i] * window[i], 0)).ToArray();
            Complex[] expected = FftPlanTests.NaiveDft(frame);
            for (int k = 0; k <= n / 2; k++)
            {
                double e = expected[k].Magnitude * expected[k].Magnitude;
                Assert.That(power[(t * 201) + k], Is.EqualTo(e).Within((1e-5 * e) + 1e-6), $"t={t} k={k}");
            }
        }
    }

    [Test]
    public void PowerSpectrogram_Sine_PeaksAtItsBin()
    {
        const int rate = 16000, n = 512;
        float[] sine = Enumerable.Range(0, rate).Select(i => (float)Math.Sin(2 * Math.PI * 1000 * i / rate)).ToArray();
        var stft = new ShortTimeFourierTransform(n, 256);
        float[] power = stft.PowerSpectrogram(sine);
        int t = stft.FrameCount(sine.Length) / 2;
        int peak = Enumerable.Range(0, stft.BinCount).MaxBy(k => power[(t * stft.BinCount) + k]);
        Assert.That(peak, Is.EqualTo(32)); // 1000 Hz × 512 / 16000
    }

    [Test]
    public void Constructor_Invalid_Throws()
    {
        Assert.That(() => new ShortTimeFourierTransform(1, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ShortTimeFourierTransform(8, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ShortTimeFourierTransform(8, 2, new float[7]), Throws.ArgumentException);
        Assert.That(() => new ShortTimeFourierTransform(8, 2).PowerSpectrogram(new float[16], new float[3]), Throws.ArgumentException);
    }
}
