using System.Diagnostics;

namespace MultiModal.Matching.Benchmarks.Interleaved;

/// <summary>
/// Times several cases round-robin in one process for a fixed wall-clock duration: each round calls every case a few
/// times untimed (to bring its data back into cache after the others ran), then times a batch of calls.
/// </summary>
/// <remarks>
/// BenchmarkDotNet runs one case after another, about ten seconds each, so on a shared host two cases of one run can
/// fall in different phases of a neighbour's load, and a whole run can fall in one. Interleaving gives every case the
/// same mix of phases, and a probe case timed in the same rounds tells which rounds were disturbed. Not thread-safe;
/// run one at a time, on an otherwise idle process.
/// </remarks>
public static class InterleavedSampler
{
    /// <summary>Runs <paramref name="cases"/> round-robin until <paramref name="duration"/> has passed.</summary>
    /// <param name="cases">The cases; at least one, with distinct names.</param>
    /// <param name="duration">Wall-clock time to sample for (positive).</param>
    /// <param name="warmupCalls">Untimed calls before each timed batch (non-negative).</param>
    /// <param name="batchCalls">Timed calls per case per round (positive).</param>
    /// <param name="progress">Receives the elapsed fraction after each round, at most once a second.</param>
    /// <param name="cancellationToken">Stops sampling after the current round.</param>
    public static InterleavedSamples Run(
        IReadOnlyList<InterleavedCase> cases,
        TimeSpan duration,
        int warmupCalls = 5,
        int batchCalls = 20,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfZero(cases.Count, nameof(cases));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupCalls);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchCalls, 1);
        if (cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != cases.Count)
        {
            throw new ArgumentException("Case names must be distinct.", nameof(cases));
        }

        var rounds = new List<double[]>();
        var allocated = new long[cases.Count];
        var calls = new long[cases.Count];
        long sink = 0;
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long nextReport = start + Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
        {
            var round = new double[cases.Count];
            for (int c = 0; c < cases.Count; c++)
            {
                var call = cases[c].Call;
                for (int i = 0; i < warmupCalls; i++)
                {
                    sink += call();
                }

                long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < batchCalls; i++)
                {
                    sink += call();
                }

                long t1 = Stopwatch.GetTimestamp();
                allocated[c] += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                calls[c] += batchCalls;
                round[c] = (t1 - t0) * 1e6 / Stopwatch.Frequency / batchCalls;
            }

            rounds.Add(round);
            long now = Stopwatch.GetTimestamp();
            if (progress is not null && now >= nextReport)
            {
                progress.Report(Math.Min(1.0, (double)(now - start) / (end - start)));
                nextReport = now + Stopwatch.Frequency;
            }
        }

        GC.KeepAlive(sink);
        return new InterleavedSamples(cases, rounds, allocated, calls);
    }
}
