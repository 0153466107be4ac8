using System.Buffers;

namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// The log-mel front end of OpenAI Whisper (and Hugging Face's WhisperFeatureExtractor): 16 kHz mono audio,
/// optionally padded with zeros or trimmed to a 30-second chunk; a 400-point STFT with a periodic Hann window,
/// hop 160, centred with reflect padding, the last frame dropped; power spectrum through 80 (or 128) Slaney
/// mel filters with Slaney normalisation; then log10(max(x, 1e−10)), clamped to at least (max − 8), and mapped
/// by (x + 4)/4. The output is mel-major — [melCount, frames] — the layout Whisper's encoder takes.
/// </summary>
/// <remarks>Immutable and thread-safe; working buffers are pooled.</remarks>
public sealed class WhisperLogMel
{
    /// <summary>Whisper's sample rate.</summary>
    public const int SampleRate = 16000;

    /// <summary>Whisper's FFT size.</summary>
    public const int FftSize = 400;

    /// <summary>Whisper's hop length.</summary>
    public const int HopLength = 160;

    /// <summary>Samples in one 30-second chunk.</summary>
    public const int ChunkSamples = 30 * SampleRate;

    private readonly ShortTimeFourierTransform _stft = new(FftSize, HopLength);
    private readonly MelFilterBank _mel;

    /// <summary>Configures the front end.</summary>
    /// <param name="melCount">80 (Whisper up to large-v2) or 128 (large-v3); any positive count works.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="melCount"/> is less than 1.</exception>
    public WhisperLogMel(int melCount = 80)
    {
        _mel = new MelFilterBank(SampleRate, FftSize, melCount);
    }

    /// <summary>The number of mel bins.</summary>
    public int MelCount => _mel.MelCount;

    /// <summary>Frames produced for <paramref name="sampleCount"/> samples: sampleCount / 160 (3000 for a 30-second chunk).</summary>
    /// <param name="sampleCount">The number of samples after padding or trimming.</param>
    /// <returns>The frame count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is negative.</exception>
    public int FrameCount(int sampleCount) => Math.Max(0, _stft.FrameCount(sampleCount) - 1);

    /// <summary>Computes the features of 16 kHz mono samples.</summary>
    /// <param name="samples">The audio at 16 kHz.</param>
    /// <param name="padToChunk">True (Whisper's behaviour) to zero-pad or trim to 30 seconds, giving 3000 frames.</param>
    /// <returns>A mel-major array of MelCount × frames values.</returns>
    public float[] Compute(ReadOnlySpan<float> samples, bool padToChunk = true)
    {
        int n = padToChunk ? ChunkSamples : samples.Length;
        var result = new float[MelCount * FrameCount(n)];
        Compute(samples, result, padToChunk);
        return result;
    }

    /// <summary>Computes the features into a caller's buffer.</summary>
    /// <param name="samples">The audio at 16 kHz.</param>
    /// <param name="destination">MelCount × FrameCount(n) floats, mel-major, where n is 480000 when padding, else samples.Length.</param>
    /// <param name="padToChunk">Whether to zero-pad or trim to 30 seconds.</param>
    /// <returns>The number of frames.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public int Compute(ReadOnlySpan<float> samples, Span<float> destination, bool padToChunk = true)
    {
        int n = padToChunk ? ChunkSamples : samples.Length;
        int frames = FrameCount(n);
        if (destination.Length != frames * MelCount)
        {
            throw new ArgumentException($"The destination must hold {MelCount} × {frames} floats.", nameof(destination));
        }

        if (frames == 0)
        {
            return 0;
        }

        float[] padded = ArrayPool<float>.Shared.Rent(n);
        float[] frame = ArrayPool<float>.Shared.Rent(FftSize);
        float[] power = ArrayPool<float>.Shared.Rent(_stft.BinCount);
        float[] mel = ArrayPool<float>.Shared.Rent(MelCount);
        try
        {
            Span<float> signal = padded.AsSpan(0, n);
            int copied = Math.Min(n, samples.Length);
            samples[..copied].CopyTo(signal);
            signal[copied..].Clear();

            float max = float.NegativeInfinity;
            for (int t = 0; t < frames; t++)
            {
                _stft.FillFrame(signal, t, frame.AsSpan(0, FftSize));
                _stft.PowerOf(frame.AsSpan(0, FftSize), power.AsSpan(0, _stft.BinCount));
                _mel.Apply(power.AsSpan(0, _stft.BinCount), mel.AsSpan(0, MelCount));
                for (int m = 0; m < MelCount; m++)
                {
                    float v = MathF.Log10(Math.Max(mel[m], 1e-10f));
                    destination[(m * frames) + t] = v;
                    max = Math.Max(max, v);
                }
            }

            float floor = max - 8f;
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (Math.Max(destination[i], floor) + 4f) / 4f;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<float>.Shared.Return(frame);
            ArrayPool<float>.Shared.Return(power);
            ArrayPool<float>.Shared.Return(mel);
        }

        return frames;
    }
}
