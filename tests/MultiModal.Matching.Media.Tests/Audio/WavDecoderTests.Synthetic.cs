using System.Buffers.Binary;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Tests.TestSupport;

namespace MultiModal.Matching.Media.Tests.Audio;

public sealed partial class WavDecoderTests
{
    private static byte[] Pcm16(params short[] samples)
    {
        var b = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), samples[i]);
        }

        return b;
    }

    [Test]
    public void Decode_OddSizedChunkBeforeData_SkipsPadByte()
    {
        byte[] wav = new WavBuilder()
            .Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16))
            .Chunk("LIST", [1, 2, 3])
            .Chunk("data", Pcm16(100, -200, 16384))
            .Build();
        AudioClip clip = WavDecoder.Decode(wav);
        Assert.That(clip.Samples.ToArray(), Is.EqualTo(new[] { 100 / 32768f, -200 / 32768f, 0.5f }));
    }

    [Test]
    public void Decode_DataBeforeFmt_StillDecodes()
    {
        byte[] wav = new WavBuilder()
            .Chunk("data", Pcm16(1, 2, 3, 4))
            .Chunk("fmt ", WavBuilder.Fmt(1, 2, 22050, 16))
            .Build();
        AudioClip clip = WavDecoder.Decode(wav);
        Assert.That(clip.Channels, Is.EqualTo(2));
        Assert.That(clip.FrameCount, Is.EqualTo(2));
        Assert.That(clip.SampleRate, Is.EqualTo(22050));
    }

    [Test]
    public void Decode_ALaw_MatchesG711Reference()
    {
        byte[] codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(6, 1, 8000, 8)).Chunk("data", codes).Build();
        AudioClip clip = WavDecoder.Decode(wav);
        Assert.That(clip.Samples.ToArray(), Is.EqualTo(codes.Select(c => G711Reference.ALaw(c) / 32768f).ToArray()));
        Assert.That(G711Reference.ALaw(0xD5), Is.EqualTo(8), "A-law 0xD5 is the smallest positive step");
    }

    [Test]
    public void Decode_MuLawAllCodes_MatchesG711Reference()
    {
        byte[] codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(7, 1, 8000, 8)).Chunk("data", codes).Build();
        float[] samples = WavDecoder.Decode(wav).Samples.ToArray();
        Assert.That(samples, Is.EqualTo(codes.Select(c => G711Reference.MuLaw(c) / 32768f).ToArray()));
        Assert.That(samples[0], Is.EqualTo(-32124 / 32768f));
        Assert.That(samples[0x80], Is.EqualTo(32124 / 32768f));
    }

    [Test]
    public void Decode_TooManySamples_ThrowsBeforeAllocating()
    {
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16)).Chunk("data", Pcm16(new short[100])).Build();
        Assert.That(() => WavDecoder.Decode(wav, new WavDecoderOptions { MaxSamples = 99 }),
            Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("limit"));
        Assert.That(WavDecoder.Decode(wav, new WavDecoderOptions { MaxSamples = 100 }).FrameCount, Is.EqualTo(100));
    }

    [TestCase((ushort)2, (ushort)4, "0x0002")]
    [TestCase((ushort)3, (ushort)16, "bits per sample")]
    [TestCase((ushort)1, (ushort)0, "bits per sample")]
    [TestCase((ushort)1, (ushort)65, "bits per sample")]
    public void Decode_UnsupportedFormat_Throws(ushort tag, ushort bits, string check)
    {
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(tag, 1, 8000, bits, blockAlign: 2)).Chunk("data", new byte[8]).Build();
        Assert.That(() => WavDecoder.Decode(wav), Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains(check));
    }

    [Test]
    public void Decode_NaNFloatSample_Throws()
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(payload, 0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(4), float.NaN);
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(3, 1, 8000, 32)).Chunk("data", payload).Build();
        Assert.That(() => WavDecoder.Decode(wav), Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("NaN"));
    }

    [TestCase(0)]
    [TestCase(11)]
    public void Decode_ShorterThanHeader_Throws(int length) =>
        Assert.That(() => WavDecoder.Decode(new byte[length]), Throws.TypeOf<InvalidAudioContentException>());

    [Test]
    public void Decode_NotRiff_Throws()
    {
        Assert.That(() => WavDecoder.Decode("OggS0000WAVEfmt "u8), Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("RIFF"));
        Assert.That(() => WavDecoder.Decode("RIFF0000AVI fmt "u8), Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("WAVE"));
        Assert.That(() => WavDecoder.Decode("RF640000WAVEfmt "u8), Throws.TypeOf<InvalidAudioContentException>().With.Message.Contains("RF64"));
    }

    [Test]
    public void Decode_StreamingDataSize_ReadsToEnd()
    {
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16)).Chunk("data", Pcm16(5, 6, 7), declaredSize: uint.MaxValue).Build();
        Assert.That(WavDecoder.Decode(wav, new WavDecoderOptions { AllowTruncatedData = false }).FrameCount, Is.EqualTo(3));
    }

    [Test]
    public void Decode_Stream_SameAsSpan()
    {
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16)).Chunk("data", Pcm16(5, -6, 7)).Build();
        using var stream = new MemoryStream(wav);
        Assert.That(WavDecoder.Decode(stream).Samples.ToArray(), Is.EqualTo(WavDecoder.Decode(wav).Samples.ToArray()));
    }

    [Test]
    public void IsWav_SniffsByContent()
    {
        byte[] wav = new WavBuilder().Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16)).Build();
        Assert.That(WavDecoder.IsWav(wav), Is.True);
        Assert.That(WavDecoder.IsWav("\u0089PNG\r\n\u001a\n0000"u8), Is.False);
        Assert.That(WavDecoder.IsWav("RIFF"u8), Is.False);
    }
}
