using System.Numerics.Tensors;

namespace MultiModal.Matching.Media.Audio;

/// <summary>
/// Converts audio from one sample rate to another by band-limited interpolation: a Kaiser-windowed sinc
/// low-pass (32 zero crossings at the lower of the two rates, β = 9 for about 90 dB of stop-band attenuation,
/// pass band to 94.5 % of the lower Nyquist frequency) applied as a polyphase filter bank for the exact
/// rational ratio target/source. Any pair of integer rates works; positions are computed exactly in integers,
/// so long inputs do not drift.
/// </summary>
/// <remarks>
/// Construct once per rate pair and reuse: the filter bank (phases × taps floats, phases = target/gcd) is
/// built in the constructor. When the bank would exceed 4 M coefficients (rate pairs whose reduced ratio has a
/// huge numerator), coefficients are computed per output sample instead, which is slower but identical.
/// Samples before the start and after the end are taken as zero. Immutable and thread-safe.
/// </remarks>
public sealed class AudioResampler
{
    private const int ZeroCrossings = 32;
    private const double KaiserBeta = 9.0;
    private const double Rolloff = 0.945;
    private const long MaxBankCoefficients = 4L << 20;

    private readonly int _up;
    private readonly int _down;
    private readonly int _halfWidth;
    private readonly int _taps;
    private readonly double _cutoff;
    private readonly float[]? _bank;

    /// <summary>Prepares a resampler between two rates.</summary>
    /// <param name="sourceRate">The input rate in hertz, 1 to 2^30.</param>
    /// <param name="targetRate">The output rate in hertz, 1 to 2^30.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range.</exception>
    public AudioResampler(int sourceRate, int targetRate)
        : this(sourceRate, targetRate, MaxBankCoefficients)
    {
    }

    internal AudioResampler(int sourceRate, int targetRate, long maxBankCoefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceRate, 1 << 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetRate, 1 << 30);
        SourceRate = sourceRate;
        TargetRate = targetRate;
        int g = Gcd(sourceRate, targetRate);
        _up = targetRate / g;
        _down = sourceRate / g;
        _cutoff = Rolloff * Math.Min(1.0, (double)_up / _down);
        _halfWidth = (int)Math.Ceiling(ZeroCrossings / _cutoff);
        _taps = 2 * _halfWidth;
        if ((long)_up * _taps <= maxBankCoefficients && _up != _down)
        {
            _bank = new float[_up * _taps];
            for (int p = 0; p < _up; p++)
            {
                FillPhase(p, _bank.AsSpan(p * _taps, _taps));
            }
        }
    }

    /// <summary>The input rate.</summary>
    public int SourceRate { get; }

    /// <summary>The output rate.</summary>
    public int TargetRate { get; }

    /// <summary>Resamples a clip (every channel) to <paramref name="targetRate"/>; returns the clip itself when the rates are equal.</summary>
    /// <param name="clip">The clip.</param>
    /// <param name="targetRate">The output rate in hertz.</param>
    /// <returns>The resampled clip.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clip"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetRate"/> is out of range.</exception>
    public static AudioClip Resample(AudioClip clip, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return clip.SampleRate == targetRate ? clip : new AudioResampler(clip.SampleRate, targetRate).Process(clip);
    }

    /// <summary>The number of output frames for <paramref name="inputFrames"/> input frames: ⌈inputFrames × target / source⌉.</summary>
    /// <param name="inputFrames">The input length in frames (non-negative).</param>
    /// <returns>The output length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputFrames"/> is negative, or the output would not fit in an array.</exception>
    public int OutputLength(int inputFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputFrames);
        long n = (((long)inputFrames * _up) + _down - 1) / _down;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Array.MaxLength, nameof(inputFrames));
        return (int)n;
    }

    /// <summary>Resamples every channel of a clip.</summary>
    /// <param name="clip">A clip at <see cref="SourceRate"/>.</param>
    /// <returns>A clip at <see cref="TargetRate"/> with the same channels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clip"/> is null.</exception>
    /// <exception cref="ArgumentException">The clip's rate is not <see cref="SourceRate"/>.</exception>
    public AudioClip Process(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SourceRate)
        {
            throw new ArgumentException($"The clip is at {clip.SampleRate} Hz; this resampler expects {SourceRate} Hz.", nameof(clip));
        }

        int outFrames = OutputLength(clip.FrameCount);
        var output = new float[(long)outFrames * clip.Channels <= Array.MaxLength ? outFrames * clip.Channels : throw new ArgumentException("The output is too large.", nameof(clip))];
        if (clip.Channels == 1)
        {
            ProcessMono(clip.Samples.Span, output);
        }
        else
        {
            var input = new float[clip.FrameCount];
            var mono = new float[outFrames];
            ReadOnlySpan<float> s = clip.Samples.Span;
            for (int c = 0; c < clip.Channels; c++)
            {
                for (int i = 0; i < input.Length; i++)
                {
                    input[i] = s[(i * clip.Channels) + c];
                }

                ProcessMono(input, mono);
                for (int i = 0; i < mono.Length; i++)
                {
                    output[(i * clip.Channels) + c] = mono[i];
                }
            }
        }

        return new AudioClip(output, clip.Channels, TargetRate, trusted: true);
    }

    /// <summary>Resamples one channel.</summary>
    /// <param name="input">Mono samples at <see cref="SourceRate"/>.</param>
    /// <param name="output">Exactly <see cref="OutputLength"/>(input.Length) samples.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length.</exception>
    public void ProcessMono(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != OutputLength(input.Length))
        {
            throw new ArgumentException($"The output must hold {OutputLength(input.Length)} samples; it holds {output.Length}.", nameof(output));
        }

        if (_up == _down)
        {
            input.CopyTo(output);
            return;
        }

        Span<float> phase = _bank is null ? new float[_taps] : default;
        for (int n = 0; n < output.Length; n++)
        {
            long position = (long)n * _down;
            long baseIndex = position / _up;
            int p = (int)(position % _up);
            ReadOnlySpan<float> h;
            if (_bank is null)
            {
                FillPhase(p, phase);
                h = phase;
            }
            else
            {
                h = _bank.AsSpan(p * _taps, _taps);
            }

            long first = baseIndex - _halfWidth + 1;
            if (first >= 0 && first + _taps <= input.Length)
            {
                output[n] = TensorPrimitives.Dot(input.Slice((int)first, _taps), h);
            }
            else
            {
                float sum = 0;
                for (int k = 0; k < _taps; k++)
                {
                    long j = first + k;
                    if (j >= 0 && j < input.Length)
                    {
                        sum += input[(int)j] * h[k];
                    }
                }

                output[n] = sum;
            }
        }
    }

    /// <summary>Coefficients for phase p: tap k multiplies input (base − halfWidth + 1 + k), at distance p/up + halfWidth − 1 − k; normalised to unit DC gain.</summary>
    private void FillPhase(int p, Span<float> destination)
    {
        double frac = (double)p / _up;
        double sum = 0;
        Span<double> h = destination.Length <= 1024 ? stackalloc double[destination.Length] : new double[destination.Length];
        for (int k = 0; k < _taps; k++)
        {
            double u = frac + _halfWidth - 1 - k;
            h[k] = Kernel(u);
            sum += h[k];
        }

        for (int k = 0; k < _taps; k++)
        {
            destination[k] = (float)(h[k] / sum);
        }
    }

    private double Kernel(double u)
    {
        double x = u * _cutoff;
        double r = x / ZeroCrossings;
        if (Math.Abs(r) >= 1)
        {
            return 0;
        }

        double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
        return _cutoff * sinc * Bessel.I0(KaiserBeta * Math.Sqrt(1 - (r * r))) / Bessel.I0(KaiserBeta);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
