using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// A per-modality map from raw similarity to its percentile in the collection's own score distribution,
/// fitted once (<see cref="Fit"/>) and stored with the collection (<see cref="WriteTo"/> / <see cref="ReadFrom"/>).
/// Used by <see cref="ScoreNormalization.Calibrated"/> so that fused scores do not depend on the result window.
/// </summary>
/// <remarks>
/// Each modality keeps a sorted table of quantile knots; a score maps to the linear interpolation of its
/// position in that table, clamped to [0, 1]. Immutable and thread-safe.
/// </remarks>
public sealed partial class ScoreCalibration
{
    private readonly Modality[] _modalities;
    private readonly float[][] _knots;

    private ScoreCalibration(Modality[] modalities, float[][] knots)
    {
        _modalities = modalities;
        _knots = knots;
    }

    /// <summary>The calibrated modalities.</summary>
    public IReadOnlyList<Modality> Modalities => _modalities;

    /// <summary>Builds a calibration from raw similarity samples per modality (for custom fitting and tests).</summary>
    /// <param name="samples">Raw similarity samples per modality; each modality needs at least 2 finite samples.</param>
    /// <param name="knotCount">How many quantile knots to keep per modality; 2 to 65,536.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <exception cref="ArgumentException">No modality is given, a modality repeats or is default, has fewer than 2 samples, or a sample is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="knotCount"/> is out of range.</exception>
    public static ScoreCalibration FromSamples(IEnumerable<KeyValuePair<Modality, float[]>> samples, int knotCount = 256)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(knotCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(knotCount, 65_536);
        var modalities = new List<Modality>();
        var knots = new List<float[]>();
        foreach (var (modality, values) in samples)
        {
            if (modality.IsDefault || modalities.Contains(modality))
            {
                throw new ArgumentException($"The modality '{modality}' is default or appears twice.", nameof(samples));
            }

            ArgumentNullException.ThrowIfNull(values, nameof(samples));
            if (values.Length < 2)
            {
                throw new ArgumentException($"The {modality} calibration needs at least 2 samples; got {values.Length}.", nameof(samples));
            }

            var sorted = (float[])values.Clone();
            foreach (float x in sorted)
            {
                if (!float.IsFinite(x))
                {
                    throw new ArgumentException($"A {modality} sample is NaN or infinite.", nameof(samples));
                }
            }

            Array.Sort(sorted);
            int q = Math.Min(knotCount, sorted.Length);
            var table = new float[q];
            for (int j = 0; j < q; j++)
            {
                double position = (double)j * (sorted.Length - 1) / (q - 1);
                int lo = (int)position;
                int hi = Math.Min(lo + 1, sorted.Length - 1);
                table[j] = (float)(sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo])));
            }

            modalities.Add(modality);
            knots.Add(table);
        }

        if (modalities.Count == 0)
        {
            throw new ArgumentException("A calibration needs at least one modality.", nameof(samples));
        }

        return new ScoreCalibration([.. modalities], [.. knots]);
    }

    /// <summary>Whether the calibration covers <paramref name="modality"/>.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(Modality modality) => Array.IndexOf(_modalities, modality) >= 0;

    /// <summary>The percentile (0..1) of a raw similarity in a modality's fitted distribution.</summary>
    /// <param name="modality">A calibrated modality.</param>
    /// <param name="rawScore">A raw similarity (cosine, dot product, or −‖a − b‖ for L2).</param>
    /// <returns>The interpolated percentile, clamped to [0, 1]; NaN in gives NaN out.</returns>
    /// <exception cref="KeyNotFoundException">The modality is not calibrated.</exception>
    public float Percentile(Modality modality, float rawScore)
    {
        int at = Array.IndexOf(_modalities, modality);
        if (at < 0)
        {
            throw new KeyNotFoundException($"The calibration has no modality '{modality}'.");
        }

        return Percentile(_knots[at], rawScore);
    }

    internal float[]? KnotsOf(Modality modality)
    {
        int at = Array.IndexOf(_modalities, modality);
        return at < 0 ? null : _knots[at];
    }

    internal static float Percentile(float[] knots, float x)
    {
        if (float.IsNaN(x))
        {
            return x;
        }

        int last = knots.Length - 1;
        if (x <= knots[0])
        {
            return 0f;
        }

        if (x >= knots[last])
        {
            return 1f;
        }

        // The first knot greater than x; knots[hi - 1] <= x < knots[hi].
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (knots[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        float span = knots[hi] - knots[lo];
        float frac = span > 0 ? (x - knots[lo]) / span : 0f;
        return (lo + frac) / last;
    }
}
