using System.Globalization;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Dsp;
using MultiModal.Matching.Media.Tests.TestSupport;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class WhisperLogMelTests
{
    /// <summary>
    /// Stated tolerance: every one of the 800 reference values (printed with 6 decimals) within 1e-2, those of
    /// the louder bins (reference above −0.4, i.e. log10 power above −5.6) within 1.5e-3, and the mean absolute
    /// difference within 2.5e-4. The differences grow as the power falls, as float32 round-off in the reference's
    /// own FFT would (measured: max 7.2e-3, louder-bin max 8e-4, mean 1.7e-4).
    /// </summary>
    private const double MaxTolerance = 1e-2;
    private const double LoudTolerance = 1.5e-3;
    private const double MeanTolerance = 2.5e-4;

    [Test]
    public void Compute_LibriSpeech_MatchesWhisperReferenceFirstTenFrames()
    {
        string dir = AudioCorpus.Require("audio/librispeech_sample_onnxruntime_extensions");
        AudioClip clip = WavDecoder.DecodeFile(Path.Combine(dir, "1272-141231-0002.wav"));
        string[] lines = File.ReadAllLines(Path.Combine(dir, "whisper_logmel_reference", "expected_logmel_80x10_first_frames.txt"))
            .Where(l => l.Length > 0).ToArray();
        Assert.That(lines, Has.Length.EqualTo(80));

        var logMel = new WhisperLogMel();
        float[] features = logMel.Compute(clip.Samples.Span);
        int frames = logMel.FrameCount(WhisperLogMel.ChunkSamples);
        Assert.That(frames, Is.EqualTo(3000));
        Assert.That(features, Has.Length.EqualTo(80 * 3000));

        double worst = 0, worstLoud = 0, sum = 0;
        for (int m = 0; m < 80; m++)
        {
            double[] expected = lines[m].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(expected, Has.Length.EqualTo(10));
            for (int t = 0; t < 10; t++)
            {
                double d = Math.Abs(features[(m * frames) + t] - expected[t]);
                if (expected[t] > -0.4)
                {
                    worstLoud = Math.Max(worstLoud, d);
                }

                worst = Math.Max(worst, d);
                sum += d;
            }
        }

        TestContext.Out.WriteLine($"Whisper log-mel vs reference: max |Δ| = {worst:E2}, louder-bin max |Δ| = {worstLoud:E2}, mean |Δ| = {sum / 800:E2}");
        Assert.That(worst, Is.LessThan(MaxTolerance));
        Assert.That(worstLoud, Is.LessThan(LoudTolerance));
        Assert.That(sum / 800, Is.LessThan(MeanTolerance));
    }

    [Test]
    public void Compute_Silence_IsFlatAtFloor()
    {
        var logMel = new WhisperLogMel();
        float[] features = logMel.Compute(new float[16000], padToChunk: false);
        Assert.That(features, Has.Length.EqualTo(80 * 100));
        Assert.That(features.Distinct().Single(), Is.EqualTo((-10f + 4f) / 4f));
    }

    [Test]
    public void Compute_WrongDestination_Throws()
    {
        var logMel = new WhisperLogMel(128);
        Assert.That(logMel.MelCount, Is.EqualTo(128));
        Assert.That(() => logMel.Compute(new float[1600], new float[10], padToChunk: false), Throws.ArgumentException);
    }
}
