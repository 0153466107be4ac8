using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Tests.TestSupport;

namespace MultiModal.Matching.Media.Tests.Audio;

public sealed partial class WavDecoderTests
{
    private const string Scipy = "audio/scipy_wav_format_edge_cases";

    /// <summary>Files scipy decodes (name, channels, rate, frames): each must match the reference reader.</summary>
    private static readonly object[] DecodableScipyFiles =
    [
        new object[] { "test-44100Hz-2ch-32bit-float-be.wav", 2, 44100, 441 },
        new object[] { "test-44100Hz-2ch-32bit-float-le.wav", 2, 44100, 441 },
        new object[] { "test-44100Hz-be-1ch-4bytes.wav", 1, 44100, 4410 },
        new object[] { "test-44100Hz-le-1ch-4bytes.wav", 1, 44100, 4410 },
        new object[] { "test-48000Hz-2ch-64bit-float-le-wavex.wav", 2, 48000, 480 },
        new object[] { "test-8000Hz-be-3ch-5S-24bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-1ch-10S-20bit-extra.wav", 1, 1234, 10 },
        new object[] { "test-8000Hz-le-2ch-1byteu.wav", 2, 8000, 800 },
        new object[] { "test-8000Hz-le-3ch-5S-24bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-3ch-5S-36bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-3ch-5S-45bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-3ch-5S-53bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-3ch-5S-64bit.wav", 3, 8000, 5 },
        new object[] { "test-8000Hz-le-4ch-9S-12bit.wav", 4, 8000, 9 },
        new object[] { "test-8000Hz-le-5ch-9S-5bit.wav", 5, 8000, 9 },
    ];

    [TestCaseSource(nameof(DecodableScipyFiles))]
    public void DecodeFile_ScipyEdgeCase_MatchesReferenceReader(string name, int channels, int rate, int frames)
    {
        string path = AudioCorpus.Require($"{Scipy}/{name}");
        AudioClip clip = WavDecoder.DecodeFile(path);
        ReferenceWav.Result expected = ReferenceWav.Read(File.ReadAllBytes(path));

        Assert.That(clip.Channels, Is.EqualTo(channels));
        Assert.That(clip.SampleRate, Is.EqualTo(rate));
        Assert.That(clip.FrameCount, Is.EqualTo(frames));
        Assert.That(clip.Samples.ToArray(), Is.EqualTo(expected.Samples));
    }

    [TestCase("test-44100Hz-le-1ch-4bytes-early-eof-no-data.wav", "no data chunk")]
    [TestCase("test-44100Hz-le-1ch-4bytes-incomplete-chunk.wav", "fmt chunk")]
    [TestCase("test-8000Hz-le-3ch-5S-24bit-inconsistent.wav", "block align")]
    public void DecodeFile_ScipyInvalidFile_ThrowsNamingFileAndCheck(string name, string check)
    {
        string path = AudioCorpus.Require($"{Scipy}/{name}");
        Assert.That(() => WavDecoder.DecodeFile(path),
            Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains(check).And.Message.Contains(name));
    }

    [Test]
    public void DecodeFile_Scipy24Bit_MatchesScipyExpectedIntegers()
    {
        // scipy's test_24_bit_odd_size_with_pad, as int32 values (container left-justified).
        long[,] scipy =
        {
            { -0x8000_0000, -0x7fff_ff00, -0x200 },
            { -0x4000_0000, -0x3fff_ff00, -0x100 },
            { 0, 0, 0 },
            { 0x4000_0000, 0x3fff_ff00, 0x100 },
            { 0x7fff_ff00, 0x7fff_ff00, 0x200 },
        };
        AssertMatchesScipy("test-8000Hz-le-3ch-5S-24bit.wav", scipy, 31);
        AssertMatchesScipy("test-8000Hz-be-3ch-5S-24bit.wav", scipy, 31);
    }

    [TestCase("test-8000Hz-le-3ch-5S-36bit.wav", -0x7fff_ffff_f000_0000L, 0x1000_0000L)]
    [TestCase("test-8000Hz-le-3ch-5S-45bit.wav", -0x7fff_ffff_fff8_0000L, 0x08_0000L)]
    [TestCase("test-8000Hz-le-3ch-5S-53bit.wav", -0x7fff_ffff_ffff_f800L, 0x0800L)]
    [TestCase("test-8000Hz-le-3ch-5S-64bit.wav", -0x7fff_ffff_ffff_ffffL, 1L)]
    public void DecodeFile_ScipyWideBitDepth_MatchesScipyExpectedIntegers(string name, long fullScaleNegative, long lsb)
    {
        // scipy's test_36/45/53/64_bit tables: columns are 2^(N-1) fixed point, 2^(N-1)-1 full scale, and LSB steps.
        long[,] scipy =
        {
            { long.MinValue, fullScaleNegative, -2 * lsb },
            { long.MinValue / 2, fullScaleNegative + 0x4000_0000_0000_0000, -lsb },
            { 0, 0, 0 },
            { -(long.MinValue / 2), -(fullScaleNegative + 0x4000_0000_0000_0000), lsb },
            { -fullScaleNegative, -fullScaleNegative, 2 * lsb },
        };
        AssertMatchesScipy(name, scipy, 63);
    }

    [Test]
    public void DecodeFile_Scipy12And5Bit_HaveScipyExtremes()
    {
        AudioClip twelve = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/test-8000Hz-le-4ch-9S-12bit.wav"));
        float[] s = twelve.Samples.ToArray();
        Assert.That(s.Max(), Is.EqualTo(0b01111111_11110000 / 32768f));
        Assert.That(s.Min(), Is.EqualTo(-1f));
        Assert.That(s[0], Is.EqualTo(0f));

        AudioClip five = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/test-8000Hz-le-5ch-9S-5bit.wav"));
        float[] f = five.Samples.ToArray();
        Assert.That(f.Max(), Is.EqualTo((0b11111000 - 128) / 128f));
        Assert.That(f.Min(), Is.EqualTo(-1f));
        Assert.That(f[0], Is.EqualTo(0f));
    }

    [Test]
    public void DecodeFile_BigAndLittleEndianTwins_DecodeIdentically()
    {
        foreach ((string be, string le) in new[]
        {
            ("test-44100Hz-2ch-32bit-float-be.wav", "test-44100Hz-2ch-32bit-float-le.wav"),
            ("test-44100Hz-be-1ch-4bytes.wav", "test-44100Hz-le-1ch-4bytes.wav"),
            ("test-8000Hz-be-3ch-5S-24bit.wav", "test-8000Hz-le-3ch-5S-24bit.wav"),
        })
        {
            float[] a = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/{be}")).Samples.ToArray();
            float[] b = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/{le}")).Samples.ToArray();
            // The float pair was written separately by scipy's authors and differs in the last bit of some samples.
            Assert.That(a, Is.EqualTo(b).Within(1e-6f), be);
        }
    }

    [Test]
    public void DecodeFile_EarlyEof_DecodesWholeFramesPresent_OrThrowsWhenDisallowed()
    {
        string truncatedPath = AudioCorpus.Require($"{Scipy}/test-44100Hz-le-1ch-4bytes-early-eof.wav");
        AudioClip truncated = WavDecoder.DecodeFile(truncatedPath);
        AudioClip full = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/test-44100Hz-le-1ch-4bytes.wav"));

        int dataOffset = 80; // RIFF(12) + fmt(8+40) + fact(8+4) + data header(8)
        Assert.That(truncated.FrameCount, Is.EqualTo((new FileInfo(truncatedPath).Length - dataOffset) / 4));
        Assert.That(truncated.Samples.ToArray(), Is.EqualTo(full.Samples[..truncated.FrameCount].ToArray()));
        Assert.That(() => WavDecoder.DecodeFile(truncatedPath, new WavDecoderOptions { AllowTruncatedData = false }),
            Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("past the end"));
    }

    [Test]
    public void DecodeFile_MuLaw_MatchesG711Reference()
    {
        string path = AudioCorpus.Require($"{Scipy}/test-8000Hz-le-1ch-1byte-ulaw.wav");
        byte[] bytes = File.ReadAllBytes(path);
        AudioClip clip = WavDecoder.DecodeFile(path);
        byte[] codes = bytes[^10..^1]; // 9 data bytes, then the pad byte
        Assert.That(clip.FrameCount, Is.EqualTo(9));
        Assert.That(clip.Samples.ToArray(), Is.EqualTo(codes.Select(c => G711Reference.MuLaw(c) / 32768f).ToArray()));
        Assert.That(clip.Samples.Span[0], Is.EqualTo(0f), "0xFF is µ-law zero");
    }

    [Test]
    public void DecodeFile_LibriSpeech_MatchesNpyReferenceExactly()
    {
        string dir = AudioCorpus.Require("audio/librispeech_sample_onnxruntime_extensions");
        AudioClip clip = WavDecoder.DecodeFile(Path.Combine(dir, "1272-141231-0002.wav"));
        (float[] expected, int[] shape) = NpyReader.ReadFloat32(Path.Combine(dir, "1272-141231-0002.npy"));
        Assert.That(shape, Is.EqualTo(new[] { 1, 213360 }));
        Assert.That(clip.SampleRate, Is.EqualTo(16000));
        Assert.That(clip.Channels, Is.EqualTo(1));
        Assert.That(clip.Samples.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void DecodeFile_EveryCorpusWav_DecodesAndMatchesReferenceReader()
    {
        string root = AudioCorpus.Require("audio");
        string[] files = Directory.GetFiles(root, "*.wav", SearchOption.AllDirectories)
            .Where(f => !f.Contains("scipy_wav_format_edge_cases", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Has.Length.GreaterThan(60));
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            AudioClip clip = WavDecoder.Decode(bytes);
            ReferenceWav.Result expected = ReferenceWav.Read(bytes);
            Assert.That(clip.SampleRate, Is.EqualTo(expected.SampleRate), file);
            Assert.That(clip.Channels, Is.EqualTo(expected.Channels), file);
            Assert.That(clip.Samples.Span.SequenceEqual(expected.Samples), Is.True, file);
        }
    }

    private static void AssertMatchesScipy(string name, long[,] scipy, int shift)
    {
        AudioClip clip = WavDecoder.DecodeFile(AudioCorpus.Require($"{Scipy}/{name}"));
        ReadOnlySpan<float> s = clip.Samples.Span;
        for (int frame = 0; frame < 5; frame++)
        {
            for (int c = 0; c < 3; c++)
            {
                float expected = (float)(scipy[frame, c] / Math.Pow(2, shift));
                Assert.That(s[(frame * 3) + c], Is.EqualTo(expected), $"{name} [{frame},{c}]");
            }
        }
    }
}
