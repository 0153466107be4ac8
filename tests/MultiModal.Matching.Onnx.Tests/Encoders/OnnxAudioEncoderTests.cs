using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Dsp;
using MultiModal.Matching.Onnx.Encoders;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Encoders;

public sealed class OnnxAudioEncoderTests
{
    private string _model = null!;
    private float[] _weights = null!;

    [OneTimeSetUp]
    public void CreateModel() => (_model, _weights) = TinyModels.AudioEncoder();

    [OneTimeTearDown]
    public void DeleteModel() => File.Delete(_model);

    [Test]
    public async Task GenerateAsync_ShortAndLongClips_PaddedOrCutToModelLength()
    {
        float[] shortWave = Enumerable.Range(0, 10).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        float[] longWave = Enumerable.Range(0, 40).Select(i => MathF.Cos(i * 0.3f)).ToArray();
        using var encoder = new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options() });

        var embeddings = await encoder.GenerateAsync([new AudioClip(shortWave, 1, 16000), new AudioClip(longWave, 1, 16000)]);

        float[] padded = new float[16];
        shortWave.CopyTo(padded, 0);
        Assert.That(embeddings[0].Vector.ToArray(), Is.EqualTo(TinyModels.Normalised(TinyModels.MatVec(padded, _weights, 4))).Within(1e-5f));
        Assert.That(embeddings[1].Vector.ToArray(), Is.EqualTo(TinyModels.Normalised(TinyModels.MatVec(longWave.AsSpan(0, 16), _weights, 4))).Within(1e-5f));
    }

    [Test]
    public void Encode_StereoWithEqualChannels_SameAsMono()
    {
        float[] mono = Enumerable.Range(0, 16).Select(i => (i % 5) / 5f).ToArray();
        float[] stereo = mono.SelectMany(x => new[] { x, x }).ToArray();
        using var encoder = new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options() });
        float[] a = new float[4];
        float[] b = new float[4];

        encoder.Encode(new AudioClip(mono, 1, 16000), a);
        encoder.Encode(new AudioClip(stereo, 2, 16000), b);

        Assert.That(b, Is.EqualTo(a).Within(1e-6f));
    }

    [Test]
    public void Encode_OtherSampleRate_IsResampledFirst()
    {
        // 32 kHz → 16 kHz halves the sample count: a 32-sample clip fills the model's 16 samples.
        float[] wave = Enumerable.Range(0, 320).Select(i => MathF.Sin(i * 0.05f)).ToArray();
        using var encoder = new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options() });
        float[] actual = new float[4];
        encoder.Encode(new AudioClip(wave, 1, 32000), actual);

        AudioClip resampled = AudioResampler.Resample(new AudioClip(wave, 1, 32000), 16000);
        Assert.That(actual, Is.EqualTo(TinyModels.Normalised(TinyModels.MatVec(resampled.Samples.Span[..16], _weights, 4))).Within(1e-5f));
    }

    [Test]
    public void Identity_IncludesSampleRate()
    {
        using var a = new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options() });
        using var b = new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options(), SampleRate = 8000 });
        Assert.That(b.Identity, Is.Not.EqualTo(a.Identity));
        Assert.That(a.Identity.ToString(), Does.StartWith("mmm.onnx.audio@1#"));
    }

    [Test]
    public void Constructor_ClipSamplesDisagreesWithModel_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new OnnxAudioEncoder(_model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options(), ClipSamples = 32 }).Dispose());
    }

    [Test]
    public void Encode_WhisperLogMelFeatures_EqualsMeanOfMediaLogMelFrames()
    {
        string model = TinyModels.LogMelEncoder();
        try
        {
            float[] wave = Enumerable.Range(0, 1000).Select(i => MathF.Sin(i * 0.2f) * 0.3f).ToArray();
            using var encoder = new OnnxAudioEncoder(model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options(), Features = OnnxAudioFeatures.WhisperLogMel });
            float[] actual = new float[80];

            encoder.Encode(new AudioClip(wave, 1, 16000), actual);

            // The model has 10 frames = 1600 samples: the clip is zero-padded to that, then Media's log-mel.
            float[] padded = new float[1600];
            wave.CopyTo(padded, 0);
            float[] mel = new WhisperLogMel(80).Compute(padded, padToChunk: false);
            float[] mean = Enumerable.Range(0, 80).Select(m => mel.Skip(m * 10).Take(10).Average()).ToArray();
            Assert.That(encoder.Dimension, Is.EqualTo(80));
            Assert.That(actual, Is.EqualTo(TinyModels.Normalised(mean)).Within(1e-5f));
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Test]
    public void Constructor_LogMelAtOtherRate_ThrowsArgumentException()
    {
        string model = TinyModels.LogMelEncoder();
        try
        {
            Assert.Throws<ArgumentException>(() => new OnnxAudioEncoder(model, new OnnxAudioEncoderOptions { Session = TestRuntime.Options(), Features = OnnxAudioFeatures.WhisperLogMel, SampleRate = 48000 }).Dispose());
        }
        finally
        {
            File.Delete(model);
        }
    }
}
