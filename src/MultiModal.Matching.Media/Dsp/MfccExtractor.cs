using System.Buffers;

namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// Mel-frequency cepstral coefficients as librosa.feature.mfcc computes them: a centred power STFT (periodic
/// Hann), mel filters (Slaney scale and normalisation by default), power to decibels 10·log10(max(x, 1e−10))
/// clamped to at most 80 dB below the clip's maximum, then the orthonormal DCT-II, first
/// <see cref="CoefficientCount"/> coefficients. Output is frame-major (frame t's coefficients at t·count).
/// </summary>
/// <remarks>Immutable and thread-safe; working buffers are pooled.</remarks>
public sealed class MfccExtractor
{
    private const float TopDecibels = 80f;

    private readonly ShortTimeFourierTransform _stft;
    private readonly MelFilterBank _mel;
    private readonly Dct _dct;

    /// <summary>Configures the extractor.</summary>
    /// <param name="sampleRate">The input's sample rate in hertz.</param>
    /// <param name="fftSize">FFT length and frame size (default 512).</param>
    /// <param name="hopLength">Samples between frames (default 160: 10 ms at 16 kHz).</param>
    /// <param name="melCount">Mel filters (default 40).</param>
    /// <param name="coefficientCount">Coefficients kept (default 13; at most <paramref name="melCount"/>).</param>
    /// <param name="minFrequency">Lowest filter edge in hertz (default 0).</param>
    /// <param name="maxFrequency">Highest filter edge in hertz; sampleRate/2 when null.</param>
    /// <param name="scale">The mel scale (default Slaney).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public MfccExtractor(int sampleRate, int fftSize = 512, int hopLength = 160, int melCount = 40, int coefficientCount = 13,
        double minFrequency = 0, double? maxFrequency = null, MelScale scale = MelScale.Slaney)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficientCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficientCount, melCount);
        _stft = new ShortTimeFourierTransform(fftSize, hopLength);
        _mel = new MelFilterBank(sampleRate, fftSize, melCount, minFrequency, maxFrequency, scale);
        _dct = new Dct(melCount, coefficientCount);
        SampleRate = sampleRate;
    }

    /// <summary>The expected input rate.</summary>
    public int SampleRate { get; }

    /// <summary>Coefficients per frame.</summary>
    public int CoefficientCount => _dct.OutputLength;

    /// <summary>The STFT used for framing.</summary>
    public ShortTimeFourierTransform Stft => _stft;

    /// <summary>Frames for <paramref name="sampleCount"/> samples (1 + n/hop, centred).</summary>
    /// <param name="sampleCount">The number of samples.</param>
    /// <returns>The frame count.</returns>
    public int FrameCount(int sampleCount) => _stft.FrameCount(sampleCount);

    /// <summary>Computes the MFCCs of a mono signal into a frame-major buffer.</summary>
    /// <param name="samples">Mono samples at <see cref="SampleRate"/>.</param>
    /// <param name="destination">FrameCount × CoefficientCount floats.</param>
    /// <returns>The number of frames.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public int Compute(ReadOnlySpan<float> samples, Span<float> destination)
    {
        int frames = FrameCount(samples.Length);
        if (destination.Length != frames * CoefficientCount)
        {
            throw new ArgumentException($"The destination must hold {frames} × {CoefficientCount} floats.", nameof(destination));
        }

        int mels = _mel.MelCount;
        float[] melDb = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * mels));
        try
        {
            float max = ComputeMelDecibels(samples, melDb.AsSpan(0, frames * mels), frames, null);
            FinishFromMelDecibels(melDb.AsSpan(0, frames * mels), max, frames, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(melDb);
        }

        return frames;
    }

    /// <summary>Computes the MFCCs as a new frame-major array.</summary>
    /// <param name="samples">Mono samples at <see cref="SampleRate"/>.</param>
    /// <returns>FrameCount × CoefficientCount floats.</returns>
    public float[] Compute(ReadOnlySpan<float> samples)
    {
        var result = new float[FrameCount(samples.Length) * CoefficientCount];
        Compute(samples, result);
        return result;
    }

    /// <summary>Mel dB per frame into <paramref name="melDb"/> (frame-major); calls <paramref name="perFrame"/> with each frame's power spectrum. Returns the maximum dB.</summary>
    internal float ComputeMelDecibels(ReadOnlySpan<float> samples, Span<float> melDb, int frames, FrameObserver? perFrame)
    {
        int bins = _stft.BinCount, mels = _mel.MelCount;
        float[] frame = ArrayPool<float>.Shared.Rent(_stft.FftSize);
        float[] power = ArrayPool<float>.Shared.Rent(bins);
        float max = float.NegativeInfinity;
        try
        {
            for (int t = 0; t < frames; t++)
            {
                Span<float> f = frame.AsSpan(0, _stft.FftSize), p = power.AsSpan(0, bins);
                _stft.FillFrame(samples, t, f);
                _stft.PowerOf(f, p);
                perFrame?.Spectrum(t, p);
                Span<float> row = melDb.Slice(t * mels, mels);
                _mel.Apply(p, row);
                for (int m = 0; m < mels; m++)
                {
                    float db = 10f * MathF.Log10(Math.Max(row[m], 1e-10f));
                    row[m] = db;
                    max = Math.Max(max, db);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(frame);
            ArrayPool<float>.Shared.Return(power);
        }

        return max;
    }

    /// <summary>Clamps to max − 80 dB and applies the DCT frame by frame.</summary>
    internal void FinishFromMelDecibels(Span<float> melDb, float max, int frames, Span<float> destination)
    {
        int mels = _mel.MelCount;
        float floor = max - TopDecibels;
        for (int i = 0; i < melDb.Length; i++)
        {
            melDb[i] = Math.Max(melDb[i], floor);
        }

        for (int t = 0; t < frames; t++)
        {
            _dct.Transform(melDb.Slice(t * mels, mels), destination.Slice(t * CoefficientCount, CoefficientCount));
        }
    }

    /// <summary>Receives each frame while MFCCs are computed (the audio encoder gathers spectral shape this way).</summary>
    internal abstract class FrameObserver
    {
        /// <summary>The power spectrum of frame t.</summary>
        public abstract void Spectrum(int t, ReadOnlySpan<float> power);
    }
}
