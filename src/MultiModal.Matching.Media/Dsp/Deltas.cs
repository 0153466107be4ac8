namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// Delta (time-derivative) features as librosa.feature.delta: a Savitzky–Golay first derivative of polynomial
/// order 1 over <c>width</c> frames, i.e. the least-squares slope Σₖ k·x[t+k] / Σₖ k² for k = −w/2..w/2; the
/// first and last w/2 frames take the slope fitted to the first or last <c>width</c> frames (scipy's "interp"
/// mode). When there are fewer frames than <c>width</c>, the largest odd width that fits is used; with fewer
/// than 3 frames the deltas are 0. All members are thread-safe.
/// </summary>
public static class Deltas
{
    /// <summary>Computes deltas of frame-major features.</summary>
    /// <param name="features">frames × dimension values, frame-major.</param>
    /// <param name="dimension">Values per frame (at least 1).</param>
    /// <param name="destination">The same length as <paramref name="features"/>; must not overlap it.</param>
    /// <param name="width">The window in frames: odd, at least 3 (librosa's default is 9).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> or <paramref name="width"/> is invalid.</exception>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    public static void Compute(ReadOnlySpan<float> features, int dimension, Span<float> destination, int width = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 3);
        if (width % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The delta width must be odd.");
        }

        if (features.Length % dimension != 0 || destination.Length != features.Length)
        {
            throw new ArgumentException("The features must be whole frames and the destination the same length.");
        }

        int frames = features.Length / dimension;
        int w = Math.Min(width, frames % 2 == 1 ? frames : frames - 1);
        if (w < 3)
        {
            destination.Clear();
            return;
        }

        int half = w / 2;
        float denominator = 0;
        for (int k = 1; k <= half; k++)
        {
            denominator += 2 * k * k;
        }

        for (int t = 0; t < frames; t++)
        {
            int centre = Math.Clamp(t, half, frames - 1 - half);
            Span<float> output = destination.Slice(t * dimension, dimension);
            output.Clear();
            for (int k = 1; k <= half; k++)
            {
                ReadOnlySpan<float> after = features.Slice((centre + k) * dimension, dimension);
                ReadOnlySpan<float> before = features.Slice((centre - k) * dimension, dimension);
                for (int d = 0; d < dimension; d++)
                {
                    output[d] += k * (after[d] - before[d]);
                }
            }

            for (int d = 0; d < dimension; d++)
            {
                output[d] /= denominator;
            }
        }
    }
}
