using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Benchmarks.Media;

/// <summary>WAV decoding, resampling and the MFCC / Whisper log-mel front ends on synthetic audio (no corpus needed).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AudioDspBenchmarks
{
    private float[] _noise16k10s = [];
    private AudioClip _clip48k10s = null!;
    private AudioClip _clip44k10s = null!;
    private byte[] _wav16k10s = [];
    private float[] _mfccOut = [];
    private float[] _logMelOut = [];
    private readonly MfccExtractor _mfcc = new(16000);
    private readonly WhisperLogMel _whisper = new();
    private readonly AudioResampler _from48k = new(48000, 16000);
    private readonly AudioResampler _from44k = new(44100, 16000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _noise16k10s = Enumerable.Range(0, 160_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _clip48k10s = new AudioClip(Enumerable.Range(0, 480_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 1, 48000);
        _clip44k10s = new AudioClip(Enumerable.Range(0, 441_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 1, 44100);
        _wav16k10s = Pcm16Wav(_noise16k10s, 16000);
        _mfccOut = new float[_mfcc.FrameCount(_noise16k10s.Length) * _mfcc.CoefficientCount];
        _logMelOut = new float[_whisper.MelCount * _whisper.FrameCount(WhisperLogMel.ChunkSamples)];
    }

    [Benchmark]
    public float Mfcc_10s16k()
    {
        _mfcc.Compute(_noise16k10s, _mfccOut);
        return _mfccOut[0];
    }

    [Benchmark]
    public float WhisperLogMel_30sChunk()
    {
        _whisper.Compute(_noise16k10s, _logMelOut);
        return _logMelOut[0];
    }

    [Benchmark]
    public int WavDecode_Pcm16_10s16k() => WavDecoder.Decode(_wav16k10s).FrameCount;

    [Benchmark]
    public int Resample_48kTo16k_10s() => _from48k.Process(_clip48k10s).FrameCount;

    [Benchmark]
    public int Resample_44k1To16k_10s() => _from44k.Process(_clip44k10s).FrameCount;

    private static byte[] Pcm16Wav(float[] samples, int rate)
    {
        var wav = new byte[44 + (2 * samples.Length)];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), 2 * samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (2 * i)), (short)(samples[i] * 32767));
        }

        return wav;
    }
}
