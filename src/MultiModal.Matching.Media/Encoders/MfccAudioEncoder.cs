using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>
/// The classic clip-level audio descriptor, needing no model: each clip is down-mixed to mono and resampled to
/// <see cref="MfccAudioEncoderOptions.SampleRate"/>; per 10 ms frame it computes 13 MFCCs (librosa-style) with their
/// deltas and delta-deltas, and the spectral centroid, bandwidth, 85 % roll-off and zero-crossing rate; the vector is
/// the mean and standard deviation over frames of each (6·13 + 8 = 86 dimensions by default), standardised per
/// dimension with statistics fitted on a corpus (<see cref="Fit"/>) when given, then L2-normalised.
/// </summary>
/// <remarks>
/// <para>What it captures: timbre and spectral envelope (MFCCs), how they move (deltas), brightness and spread
/// (centroid, bandwidth, roll-off), noisiness (zero-crossing rate) — enough to group the same word said by different
/// speakers, instruments, or kinds of sound effect.</para>
/// <para>What it cannot: anything about order in time beyond the deltas (statistics over frames are orderless, so
/// "dog bites man" and its reverse coincide), words or meaning, loudness (MFCC c0 is level-dependent, but
/// normalisation removes the overall scale), or long-range structure; it is no match for a trained audio model.</para>
/// Deterministic. Immutable and thread-safe.
/// </remarks>
public sealed class MfccAudioEncoder : EncoderBase<AudioClip>
{
    private const int ShapeFeatures = 4;

    private readonly MfccAudioEncoderOptions _options;
    private readonly MfccExtractor _mfcc;
    private readonly float[]? _mean;
    private readonly float[]? _scale;
    private readonly ConcurrentDictionary<int, AudioResampler> _resamplers = new();

    /// <summary>Creates an unfitted encoder (no standardisation; the vector is only L2-normalised).</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public MfccAudioEncoder(MfccAudioEncoderOptions? options = null)
        : this(Prepare(options), null, null)
    {
    }

    private MfccAudioEncoder(MfccAudioEncoderOptions options, float[]? mean, float[]? scale)
        : base(Modality.Audio, DimensionOf(options), IdentityOf(options, mean, scale))
    {
        _options = options;
        _mfcc = new MfccExtractor(options.SampleRate, options.FftSize, options.HopLength, options.MelCount, options.CoefficientCount);
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Whether per-dimension standardisation statistics are applied.</summary>
    public bool IsFitted => _mean is not null;

    /// <summary>The fitted per-dimension means (empty when unfitted); store them with <see cref="StandardDeviations"/> to rebuild the encoder with <see cref="FromStatistics"/>.</summary>
    public ReadOnlyMemory<float> Means => _mean ?? ReadOnlyMemory<float>.Empty;

    /// <summary>The fitted per-dimension standard deviations (empty when unfitted).</summary>
    public ReadOnlyMemory<float> StandardDeviations => _scale ?? ReadOnlyMemory<float>.Empty;

    /// <summary>Fits per-dimension means and standard deviations of the raw descriptor on a corpus.</summary>
    /// <param name="clips">Representative clips (at least 2).</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <returns>A fitted encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clips"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 clips, or an empty clip.</exception>
    public static MfccAudioEncoder Fit(IEnumerable<AudioClip> clips, MfccAudioEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var unfitted = new MfccAudioEncoder(options);
        int d = unfitted.Dimension;
        var sum = new double[d];
        var sumSquares = new double[d];
        var raw = new float[d];
        int count = 0;
        foreach (AudioClip clip in clips)
        {
            ArgumentNullException.ThrowIfNull(clip, nameof(clips));
            unfitted.RawFeatures(clip, raw);
            for (int i = 0; i < d; i++)
            {
                sum[i] += raw[i];
                sumSquares[i] += (double)raw[i] * raw[i];
            }

            count++;
        }

        if (count < 2)
        {
            throw new ArgumentException("Fitting needs at least 2 clips.", nameof(clips));
        }

        var mean = new float[d];
        var std = new float[d];
        for (int i = 0; i < d; i++)
        {
            double m = sum[i] / count;
            mean[i] = (float)m;
            std[i] = (float)Math.Sqrt(Math.Max(0, (sumSquares[i] / count) - (m * m)));
        }

        return new MfccAudioEncoder(unfitted._options, mean, std);
    }

    /// <summary>Rebuilds a fitted encoder from stored statistics.</summary>
    /// <param name="options">The settings it was fitted with.</param>
    /// <param name="means">Per-dimension means.</param>
    /// <param name="standardDeviations">Per-dimension standard deviations (non-negative; values below 1e-6 are treated as 1e-6).</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length differs from the dimension, or a value is not finite or is negative.</exception>
    public static MfccAudioEncoder FromStatistics(MfccAudioEncoderOptions options, ReadOnlySpan<float> means, ReadOnlySpan<float> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(options);
        MfccAudioEncoderOptions o = Prepare(options);
        int d = DimensionOf(o);
        if (means.Length != d || standardDeviations.Length != d)
        {
            throw new ArgumentException($"Statistics must have {d} values each.");
        }

        foreach (float v in means)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException("Means must be finite.", nameof(means));
            }
        }

        foreach (float v in standardDeviations)
        {
            if (!float.IsFinite(v) || v < 0)
            {
                throw new ArgumentException("Standard deviations must be finite and non-negative.", nameof(standardDeviations));
            }
        }

        return new MfccAudioEncoder(o, means.ToArray(), standardDeviations.ToArray());
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The clip has no samples.</exception>
    protected override void EncodeCore(AudioClip input, Span<float> destination)
    {
        RawFeatures(input, destination);
        if (_mean is not null)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (destination[i] - _mean[i]) / Math.Max(_scale![i], 1e-6f);
            }
        }

        Numerics.VectorKernels.NormalizeInPlace(destination);
    }

    /// <summary>The descriptor before standardisation and normalisation.</summary>
    internal void RawFeatures(AudioClip clip, Span<float> destination)
    {
        if (clip.FrameCount == 0)
        {
            throw new ArgumentException("The audio clip has no samples.", nameof(clip));
        }

        AudioClip mono = clip.ToMono();
        if (mono.SampleRate != _options.SampleRate)
        {
            AudioResampler resampler = _resamplers.GetOrAdd(mono.SampleRate, static (rate, target) => new AudioResampler(rate, target), _options.SampleRate);
            mono = resampler.Process(mono);
        }

        ReadOnlySpan<float> signal = mono.Samples.Span;
        int c = _options.CoefficientCount, frames = _mfcc.FrameCount(signal.Length), mels = _options.MelCount;
        float[] work = ArrayPool<float>.Shared.Rent((frames * mels) + (3 * frames * c) + (frames * ShapeFeatures));
        try
        {
            Span<float> melDb = work.AsSpan(0, frames * mels);
            Span<float> cepstra = work.AsSpan(frames * mels, frames * c);
            Span<float> delta = work.AsSpan((frames * mels) + (frames * c), frames * c);
            Span<float> delta2 = work.AsSpan((frames * mels) + (2 * frames * c), frames * c);
            float[] shape = ArrayPool<float>.Shared.Rent(frames * ShapeFeatures);
            try
            {
                var observer = new ShapeObserver(shape, _options.SampleRate / (double)_options.FftSize);
                float max = _mfcc.ComputeMelDecibels(signal, melDb, frames, observer);
                _mfcc.FinishFromMelDecibels(melDb, max, frames, cepstra);
                Deltas.Compute(cepstra, c, delta, _options.DeltaWidth);
                Deltas.Compute(delta, c, delta2, _options.DeltaWidth);
                ZeroCrossings(signal, frames, shape);

                MeanAndStd(cepstra, c, destination[..c], destination.Slice(c, c));
                MeanAndStd(delta, c, destination.Slice(2 * c, c), destination.Slice(3 * c, c));
                MeanAndStd(delta2, c, destination.Slice(4 * c, c), destination.Slice(5 * c, c));
                Span<float> shapeStats = destination.Slice(6 * c, 2 * ShapeFeatures);
                Span<float> means = stackalloc float[ShapeFeatures], stds = stackalloc float[ShapeFeatures];
                MeanAndStd(shape.AsSpan(0, frames * ShapeFeatures), ShapeFeatures, means, stds);
                float nyquist = _options.SampleRate / 2f;
                for (int k = 0; k < ShapeFeatures; k++)
                {
                    float unit = k < 3 ? nyquist : 1f;
                    shapeStats[2 * k] = means[k] / unit;
                    shapeStats[(2 * k) + 1] = stds[k] / unit;
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(shape);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(work);
        }
    }

    private void ZeroCrossings(ReadOnlySpan<float> signal, int frames, float[] shape)
    {
        int n = _options.FftSize, hop = _options.HopLength;
        for (int t = 0; t < frames; t++)
        {
            int start = Math.Max(0, (t * hop) - (n / 2)), end = Math.Min(signal.Length, (t * hop) + (n / 2));
            shape[(t * ShapeFeatures) + 3] = SpectralShape.ZeroCrossingRate(signal[start..end]);
        }
    }

    private static void MeanAndStd(ReadOnlySpan<float> rows, int dimension, Span<float> mean, Span<float> std)
    {
        int frames = rows.Length / dimension;
        for (int d = 0; d < dimension; d++)
        {
            double s = 0, s2 = 0;
            for (int t = 0; t < frames; t++)
            {
                double v = rows[(t * dimension) + d];
                s += v;
                s2 += v * v;
            }

            double m = s / frames;
            mean[d] = (float)m;
            std[d] = (float)Math.Sqrt(Math.Max(0, (s2 / frames) - (m * m)));
        }
    }

    private static MfccAudioEncoderOptions Prepare(MfccAudioEncoderOptions? options)
    {
        MfccAudioEncoderOptions o = options?.Clone() ?? new MfccAudioEncoderOptions();
        o.Validate();
        return o;
    }

    private static int DimensionOf(MfccAudioEncoderOptions o) => (6 * o.CoefficientCount) + (2 * ShapeFeatures);

    private static EncoderIdentity IdentityOf(MfccAudioEncoderOptions o, float[]? mean, float[]? scale)
    {
        string config = o.Canonical();
        if (mean is not null)
        {
            ulong h = StableHash.Combine(StableHash.Hash64(MemoryMarshal.AsBytes(mean.AsSpan())), StableHash.Hash64(MemoryMarshal.AsBytes(scale.AsSpan())));
            config += ";fit=" + h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        return EncoderIdentity.Create("mmm.audio.mfcc-stats", "1", config);
    }

    /// <summary>Collects centroid, bandwidth and roll-off from each frame's power spectrum.</summary>
    private sealed class ShapeObserver(float[] shape, double binHertz) : MfccExtractor.FrameObserver
    {
        public override void Spectrum(int t, ReadOnlySpan<float> power)
        {
            Span<float> magnitude = power.Length <= 2048 ? stackalloc float[power.Length] : new float[power.Length];
            System.Numerics.Tensors.TensorPrimitives.Sqrt(power, magnitude);
            (float centroid, float bandwidth, float rolloff) = SpectralShape.Describe(magnitude, binHertz);
            shape[t * ShapeFeatures] = centroid;
            shape[(t * ShapeFeatures) + 1] = bandwidth;
            shape[(t * ShapeFeatures) + 2] = rolloff;
        }
    }
}
