namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// Triangular mel filters over the bins of a real FFT, built exactly as librosa.filters.mel: melCount + 2
/// points evenly spaced in mels between fMin and fMax, a triangle per filter across FFT bin centre frequencies
/// (k·sampleRate/fftSize, as numpy.fft.rfftfreq), optionally area-normalised (Slaney).
/// </summary>
/// <remarks>Immutable and thread-safe. Each filter's non-zero bins are stored as a range, so
/// <see cref="Apply"/> costs about 2·binCount multiply-adds per frame rather than melCount·binCount.</remarks>
public sealed class MelFilterBank
{
    private readonly float[] _weights;
    private readonly int[] _first;
    private readonly int[] _end;

    /// <summary>Builds the filters.</summary>
    /// <param name="sampleRate">The signal's sample rate in hertz.</param>
    /// <param name="fftSize">The FFT length (bins = fftSize/2 + 1).</param>
    /// <param name="melCount">The number of filters (at least 1).</param>
    /// <param name="minFrequency">The lower edge in hertz (default 0).</param>
    /// <param name="maxFrequency">The upper edge in hertz; sampleRate/2 when null.</param>
    /// <param name="scale">The mel scale (default Slaney, as librosa and Whisper).</param>
    /// <param name="normalization">The filter scaling (default Slaney area normalisation).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or frequency is out of range (0 ≤ min &lt; max ≤ sampleRate/2).</exception>
    public MelFilterBank(int sampleRate, int fftSize, int melCount, double minFrequency = 0, double? maxFrequency = null,
        MelScale scale = MelScale.Slaney, MelNormalization normalization = MelNormalization.Slaney)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fftSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(melCount, 1);
        double fMax = maxFrequency ?? sampleRate / 2.0;
        ArgumentOutOfRangeException.ThrowIfNegative(minFrequency);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fMax, sampleRate / 2.0, nameof(maxFrequency));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minFrequency, fMax);

        MelCount = melCount;
        BinCount = (fftSize / 2) + 1;
        _weights = new float[melCount * BinCount];
        _first = new int[melCount];
        _end = new int[melCount];

        double melMin = MelConversion.HertzToMel(minFrequency, scale), melMax = MelConversion.HertzToMel(fMax, scale);
        var edges = new double[melCount + 2];
        for (int i = 0; i < edges.Length; i++)
        {
            edges[i] = MelConversion.MelToHertz(melMin + ((melMax - melMin) * i / (melCount + 1)), scale);
        }

        for (int m = 0; m < melCount; m++)
        {
            double lower = edges[m], centre = edges[m + 1], upper = edges[m + 2];
            double norm = normalization == MelNormalization.Slaney ? 2.0 / (upper - lower) : 1.0;
            int first = BinCount, end = 0;
            for (int k = 0; k < BinCount; k++)
            {
                double f = (double)k * sampleRate / fftSize;
                double w = Math.Max(0, Math.Min((f - lower) / (centre - lower), (upper - f) / (upper - centre)));
                if (w > 0)
                {
                    _weights[(m * BinCount) + k] = (float)(w * norm);
                    first = Math.Min(first, k);
                    end = k + 1;
                }
            }

            _first[m] = Math.Min(first, end);
            _end[m] = end;
        }
    }

    /// <summary>The number of filters.</summary>
    public int MelCount { get; }

    /// <summary>The number of FFT bins each filter spans: fftSize/2 + 1.</summary>
    public int BinCount { get; }

    /// <summary>The filter weights, mel-major (filter m's BinCount weights at m·BinCount).</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>mel[m] = Σₖ weight[m, k]·spectrum[k] for one frame.</summary>
    /// <param name="spectrum">BinCount values (usually power).</param>
    /// <param name="mel">MelCount outputs.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> mel)
    {
        if (spectrum.Length != BinCount || mel.Length != MelCount)
        {
            throw new ArgumentException($"Expected {BinCount} bins in and {MelCount} mels out.");
        }

        for (int m = 0; m < MelCount; m++)
        {
            int first = _first[m], count = _end[m] - first;
            mel[m] = count == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Dot(
                _weights.AsSpan((m * BinCount) + first, count), spectrum.Slice(first, count));
        }
    }
}
