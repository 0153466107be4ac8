namespace MultiModal.Matching.Media.Audio;

/// <summary>
/// Decoded audio: 32-bit float samples, <b>interleaved</b> by frame (for stereo: L0 R0 L1 R1 …), at a
/// sample rate in hertz. Full scale is [-1, 1] (integer PCM is scaled by 2^(bits−1); float files may exceed it).
/// A host that decodes audio itself builds one of these from its own buffer.
/// </summary>
/// <remarks>
/// Interleaved is the layout of WAV files and of most audio APIs, so decoders and hosts fill it without a
/// transpose; DSP works on mono, which <see cref="ToMono"/> produces. This type is immutable as far as this
/// library is concerned (it never writes to <see cref="Samples"/>) and thread-safe for reading.
/// </remarks>
public sealed class AudioClip
{
    /// <summary>Wraps interleaved samples.</summary>
    /// <param name="samples">Interleaved samples; the length must be a multiple of <paramref name="channels"/>. Not copied.</param>
    /// <param name="channels">Channels per frame, 1 to 65535.</param>
    /// <param name="sampleRate">Frames per second, 1 to 2^30.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> or <paramref name="sampleRate"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The sample count is not a multiple of the channel count, or a sample is NaN or infinite.</exception>
    public AudioClip(ReadOnlyMemory<float> samples, int channels, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 1 << 30);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples do not make whole frames of {channels} channels.", nameof(samples));
        }

        if (!AllFinite(samples.Span))
        {
            throw new ArgumentException("Audio samples must be finite (no NaN or infinity).", nameof(samples));
        }

        Samples = samples;
        Channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>The interleaved samples.</summary>
    public ReadOnlyMemory<float> Samples { get; }

    /// <summary>Channels per frame.</summary>
    public int Channels { get; }

    /// <summary>Frames per second.</summary>
    public int SampleRate { get; }

    /// <summary>The number of frames (samples per channel).</summary>
    public int FrameCount => Samples.Length / Channels;

    /// <summary>The duration in seconds.</summary>
    public double Duration => (double)FrameCount / SampleRate;

    /// <summary>
    /// The average of all channels, frame by frame (this clip itself when it is already mono).
    /// </summary>
    /// <returns>A mono clip at the same rate.</returns>
    public AudioClip ToMono()
    {
        if (Channels == 1)
        {
            return this;
        }

        var mono = new float[FrameCount];
        DownMix(Samples.Span, Channels, mono);
        return new AudioClip(mono, 1, SampleRate, trusted: true);
    }

    /// <summary>Copies one channel out.</summary>
    /// <param name="channel">The channel index, 0 to <see cref="Channels"/> − 1.</param>
    /// <returns>A mono clip holding that channel.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is out of range.</exception>
    public AudioClip GetChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        ReadOnlySpan<float> s = Samples.Span;
        var result = new float[FrameCount];
        for (int i = 0, j = channel; i < result.Length; i++, j += Channels)
        {
            result[i] = s[j];
        }

        return new AudioClip(result, 1, SampleRate, trusted: true);
    }

    /// <summary>Averages interleaved channels into <paramref name="mono"/> (length = frames).</summary>
    internal static void DownMix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        if (channels == 2)
        {
            for (int i = 0; i < mono.Length; i++)
            {
                mono[i] = 0.5f * (interleaved[2 * i] + interleaved[(2 * i) + 1]);
            }

            return;
        }

        float scale = 1f / channels;
        for (int i = 0, j = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++, j++)
            {
                sum += interleaved[j];
            }

            mono[i] = sum * scale;
        }
    }

    /// <summary>For decoders and DSP that have already checked their output.</summary>
    internal AudioClip(float[] samples, int channels, int sampleRate, bool trusted)
    {
        System.Diagnostics.Debug.Assert(trusted && samples.Length % channels == 0);
        Samples = samples;
        Channels = channels;
        SampleRate = sampleRate;
    }

    private static bool AllFinite(ReadOnlySpan<float> samples)
    {
        foreach (float x in samples)
        {
            if (!float.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
