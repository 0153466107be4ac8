namespace MultiModal.Matching.Evaluation;

/// <summary>Latency percentiles of a set of timed operations (nearest-rank method), in microseconds.</summary>
/// <param name="Count">How many samples.</param>
/// <param name="P50">The median.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The slowest sample.</param>
/// <param name="Mean">The arithmetic mean.</param>
public readonly record struct LatencyPercentiles(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    /// <summary>Computes the percentiles of samples given in microseconds.</summary>
    /// <param name="microseconds">The samples; finite and non-negative. The span is not modified.</param>
    /// <returns>The percentiles (all zero for no samples).</returns>
    /// <exception cref="ArgumentException">A sample is negative or not finite.</exception>
    public static LatencyPercentiles FromSamples(ReadOnlySpan<double> microseconds)
    {
        if (microseconds.IsEmpty)
        {
            return default;
        }

        var sorted = microseconds.ToArray();
        double sum = 0;
        foreach (double x in sorted)
        {
            if (!double.IsFinite(x) || x < 0)
            {
                throw new ArgumentException($"A latency sample must be finite and non-negative; got {x}.", nameof(microseconds));
            }

            sum += x;
        }

        Array.Sort(sorted);
        return new LatencyPercentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1], sum / sorted.Length);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
