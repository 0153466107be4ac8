using System.Text.Json;
using MultiModal.Matching.Media.Dsp;
using MultiModal.Matching.Media.Tests.TestSupport;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class WindowFunctionTests
{
    [Test]
    public void Hann_Periodic_MatchesWhisperConfigWindow()
    {
        string path = AudioCorpus.Require("audio/librispeech_sample_onnxruntime_extensions/whisper_logmel_reference/feature_extraction.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        float[] expected = doc.RootElement.GetProperty("feature_extraction").GetProperty("sequence")[1]
            .GetProperty("operation").GetProperty("attrs").GetProperty("_comment").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.That(expected, Has.Length.EqualTo(400));
        Assert.That(WindowFunction.Hann(400), Is.EqualTo(expected).Within(1e-6f));
    }

    [Test]
    public void Hann_Symmetric_EndsAtZero_PeaksAtCentre()
    {
        float[] w = WindowFunction.Hann(9, periodic: false);
        Assert.That(w[0], Is.EqualTo(0f).Within(1e-7f));
        Assert.That(w[8], Is.EqualTo(0f).Within(1e-7f));
        Assert.That(w[4], Is.EqualTo(1f));
        Assert.That(w.Take(4), Is.EqualTo(w.Skip(5).Reverse()).Within(1e-7f));
    }

    [Test]
    public void Hamming_AndRectangular_HaveTheirValues()
    {
        float[] h = WindowFunction.Hamming(8);
        Assert.That(h[0], Is.EqualTo(0.08f).Within(1e-6f));
        Assert.That(h[4], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(WindowFunction.Rectangular(3), Is.EqualTo(new[] { 1f, 1f, 1f }));
        Assert.That(WindowFunction.Hann(1), Is.EqualTo(new[] { 1f }));
        Assert.That(() => WindowFunction.Hann(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
