using System.Globalization;
using System.Text;

namespace MultiModal.Matching.Benchmarks.Interleaved;

/// <summary>
/// Summarises <see cref="InterleavedSamples"/> as a Markdown table: per case the median, 10th and 90th percentiles over
/// all rounds, the medians over the probe's quiet and slow rounds, the share of rounds within the case's goal, and the
/// bytes allocated per call.
/// </summary>
/// <remarks>
/// A round is quiet when the probe case took at most <see cref="QuietFactor"/> times its 5th percentile in that round,
/// and slow when it took at least <see cref="SlowFactor"/> times: the probe does fixed integer work with no memory
/// traffic, so its time tracks how much of the core the process had.
/// </remarks>
public static class InterleavedReport
{
    /// <summary>A round whose probe time is within this factor of the probe's 5th percentile is quiet.</summary>
    public const double QuietFactor = 1.15;

    /// <summary>A round whose probe time is at least this factor of the probe's 5th percentile is slow.</summary>
    public const double SlowFactor = 1.5;

    /// <summary>The report, with <paramref name="probeIndex"/> naming the probe case among the samples' cases.</summary>
    public static string ToMarkdown(InterleavedSamples samples, int probeIndex)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(probeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probeIndex, samples.Cases.Count);
        if (samples.Rounds.Count == 0)
        {
            throw new ArgumentException("The run has no rounds.", nameof(samples));
        }

        var probe = samples.Of(probeIndex);
        double probeFloor = Percentile(probe, 0.05);
        var quiet = Enumerable.Range(0, probe.Length).Where(r => probe[r] <= QuietFactor * probeFloor).ToArray();
        var slow = Enumerable.Range(0, probe.Length).Where(r => probe[r] >= SlowFactor * probeFloor).ToArray();

        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{samples.Rounds.Count} rounds; probe `{samples.Cases[probeIndex].Name}` 5th percentile {probeFloor:F2} µs; " +
            $"quiet rounds (probe ≤ {QuietFactor:F2}×) {quiet.Length}, slow rounds (probe ≥ {SlowFactor:F2}×) {slow.Length}.");
        text.AppendLine();
        text.AppendLine("| case | median µs | p10 | p90 | quiet median | slow median | goal µs | rounds within goal | bytes per call |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int c = 0; c < samples.Cases.Count; c++)
        {
            var all = samples.Of(c);
            var goal = samples.Cases[c].GoalMicroseconds;
            string within = goal is { } g ? (all.Count(x => x <= g) / (double)all.Length).ToString("P0", culture) : "–";
            string bytes = (samples.AllocatedBytes[c] / (double)samples.Calls[c]).ToString("0.##", culture);
            text.AppendLine(culture,
                $"| {samples.Cases[c].Name} | {Percentile(all, 0.5):F2} | {Percentile(all, 0.1):F2} | {Percentile(all, 0.9):F2} | " +
                $"{MedianOf(all, quiet)} | {MedianOf(all, slow)} | {(goal is { } h ? h.ToString("0.#", culture) : "–")} | {within} | {bytes} |");
        }

        return text.ToString();
    }

    /// <summary>The <paramref name="fraction"/> quantile of <paramref name="values"/>, interpolating between order statistics.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var sorted = values.Order().ToArray();
        double position = fraction * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static string MedianOf(double[] values, int[] rounds) =>
        rounds.Length == 0 ? "–" : Percentile(rounds.Select(r => values[r]).ToArray(), 0.5).ToString("F2", CultureInfo.InvariantCulture);
}
