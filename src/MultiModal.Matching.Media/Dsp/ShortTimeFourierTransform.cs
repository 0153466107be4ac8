using System.Buffers;

namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// The power spectrogram |STFT|² of a mono signal, frame by frame: each frame of <see cref="FftSize"/> samples,
/// <see cref="HopLength"/> apart, is multiplied by the window and transformed; bins 0..FftSize/2 are kept.
/// With <see cref="Center"/> the signal is first padded by FftSize/2 on both sides by reflection (numpy
/// "reflect", no edge repeat), as librosa and torch.stft(center=True) do, so frame t is centred on sample
/// t·hop. Any FFT size works (400 for Whisper is 2⁴·5²).
/// </summary>
/// <remarks>Immutable and thread-safe; working buffers are pooled, so a warm call allocates nothing.</remarks>
public sealed class ShortTimeFourierTransform
{
    private readonly float[] _window;
    private readonly RealFft _fft;

    /// <summary>Configures the transform.</summary>
    /// <param name="fftSize">Samples per frame and FFT length (at least 2).</param>
    /// <param name="hopLength">Samples between frame starts (at least 1).</param>
    /// <param name="window">The analysis window, of length <paramref name="fftSize"/>; a periodic Hann window when null. Copied.</param>
    /// <param name="center">Whether to reflect-pad by fftSize/2 so that frames are centred (default true).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fftSize"/> or <paramref name="hopLength"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> has the wrong length or a non-finite value.</exception>
    public ShortTimeFourierTransform(int fftSize, int hopLength, float[]? window = null, bool center = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fftSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopLength, 1);
        if (window is not null && (window.Length != fftSize || window.Any(w => !float.IsFinite(w))))
        {
            throw new ArgumentException($"The window must hold {fftSize} finite values.", nameof(window));
        }

        FftSize = fftSize;
        HopLength = hopLength;
        Center = center;
        _window = window is null ? WindowFunction.Hann(fftSize) : (float[])window.Clone();
        _fft = new RealFft(fftSize);
    }

    /// <summary>Samples per frame and FFT length.</summary>
    public int FftSize { get; }

    /// <summary>Samples between frame starts.</summary>
    public int HopLength { get; }

    /// <summary>Whether frames are centred by reflect padding.</summary>
    public bool Center { get; }

    /// <summary>Frequency bins per frame: FftSize/2 + 1.</summary>
    public int BinCount => (FftSize / 2) + 1;

    /// <summary>Frames for a signal of <paramref name="sampleCount"/> samples: 1 + n/hop when centred, else 1 + (n − fftSize)/hop (0 when shorter).</summary>
    /// <param name="sampleCount">The signal length.</param>
    /// <returns>The frame count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is negative.</exception>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (Center)
        {
            return sampleCount == 0 ? 0 : 1 + (sampleCount / HopLength);
        }

        return sampleCount < FftSize ? 0 : 1 + ((sampleCount - FftSize) / HopLength);
    }

    /// <summary>Writes the power spectrogram, frame-major (frame t's BinCount values at t·BinCount).</summary>
    /// <param name="signal">The mono signal.</param>
    /// <param name="destination">At least FrameCount(signal.Length) × BinCount floats.</param>
    /// <returns>The number of frames written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int PowerSpectrogram(ReadOnlySpan<float> signal, Span<float> destination)
    {
        int frames = FrameCount(signal.Length);
        if ((long)frames * BinCount > destination.Length)
        {
            throw new ArgumentException($"The destination must hold {frames} × {BinCount} floats.", nameof(destination));
        }

        float[] frame = ArrayPool<float>.Shared.Rent(FftSize);
        try
        {
            Span<float> f = frame.AsSpan(0, FftSize);
            for (int t = 0; t < frames; t++)
            {
                FillFrame(signal, t, f);
                _fft.Power(f, destination.Slice(t * BinCount, BinCount));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(frame);
        }

        return frames;
    }

    /// <summary>The power spectrogram as a new frame-major array.</summary>
    /// <param name="signal">The mono signal.</param>
    /// <returns>FrameCount(signal.Length) × BinCount floats.</returns>
    public float[] PowerSpectrogram(ReadOnlySpan<float> signal)
    {
        var result = new float[FrameCount(signal.Length) * BinCount];
        PowerSpectrogram(signal, result);
        return result;
    }

    /// <summary>|FFT|² of one already windowed frame.</summary>
    internal void PowerOf(ReadOnlySpan<float> frame, Span<float> power) => _fft.Power(frame, power);

    /// <summary>Frame t (windowed), reading the padded signal through a reflection of indices.</summary>
    internal void FillFrame(ReadOnlySpan<float> signal, int t, Span<float> frame)
    {
        int start = (t * HopLength) - (Center ? FftSize / 2 : 0);
        if (start >= 0 && start + FftSize <= signal.Length)
        {
            for (int i = 0; i < FftSize; i++)
            {
                frame[i] = signal[start + i] * _window[i];
            }

            return;
        }

        for (int i = 0; i < FftSize; i++)
        {
            frame[i] = signal[Reflect(start + i, signal.Length)] * _window[i];
        }
    }

    /// <summary>numpy "reflect" index: …, 2, 1, [0, 1, …, n−1], n−2, … (period 2n − 2).</summary>
    internal static int Reflect(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        int period = (2 * n) - 2;
        i %= period;
        if (i < 0)
        {
            i += period;
        }

        return i < n ? i : period - i;
    }
}
