using MultiModal.Matching.Benchmarks.Fusion;

namespace MultiModal.Matching.Benchmarks.Interleaved;

/// <summary>
/// The fusion step's goal cases from <see cref="FusionStepBenchmarks"/>, interleaved with the host probe and the
/// contiguous reference: <c>dotnet run -c Release -- --interleaved [seconds]</c>. The goals are issue 5's: the late
/// step over 3 × 100 candidates within 5 µs, the hybrid re-rank of 200 × 3 exact scores within 40 µs.
/// </summary>
public static class FusionStepInterleaved
{
    /// <summary>The late step's goal per call.</summary>
    public const double LateStepGoalMicroseconds = 5;

    /// <summary>The re-rank's goal per call.</summary>
    public const double RerankGoalMicroseconds = 40;

    /// <summary>Builds the benchmark data (about a minute), samples for <paramref name="duration"/> and returns the report.</summary>
    public static string Run(TimeSpan duration, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine("Building 3 × 100,000 × 512 indexes…");
        var benchmarks = new FusionStepBenchmarks { N = 100_000 };
        benchmarks.Setup();
        InterleavedCase[] cases =
        [
            new("HostProbe_IntegerChains", () => (long)benchmarks.HostProbe_IntegerChains()),
            new("Reference_DotBatch_600x512", () => (long)benchmarks.Reference_DotBatch_600x512()),
            new("LateStep_WeightedSumMinMax", () => benchmarks.LateStep_WeightedSumMinMax(), LateStepGoalMicroseconds),
            new("LateStep_WeightedSumZScore", () => benchmarks.LateStep_WeightedSumZScore(), LateStepGoalMicroseconds),
            new("LateStep_CombMnz", () => benchmarks.LateStep_CombMnz(), LateStepGoalMicroseconds),
            new("LateStep_Max", () => benchmarks.LateStep_Max(), LateStepGoalMicroseconds),
            new("LateStep_Rrf", () => benchmarks.LateStep_Rrf(), LateStepGoalMicroseconds),
            new("LateStep_Borda", () => benchmarks.LateStep_Borda(), LateStepGoalMicroseconds),
            new("HybridRerank_200x3_WeightedSum", () => benchmarks.HybridRerank_200x3_WeightedSum(), RerankGoalMicroseconds),
            new("HybridRerank_200x3_WeightedSum_Hnsw", () => benchmarks.HybridRerank_200x3_WeightedSum_Hnsw(), RerankGoalMicroseconds),
            new("HybridRerank_200x3_Rrf", () => benchmarks.HybridRerank_200x3_Rrf(), RerankGoalMicroseconds),
        ];
        log.WriteLine($"Sampling {cases.Length} cases interleaved for {duration.TotalSeconds:F0} s…");
        var samples = InterleavedSampler.Run(cases, duration, progress: new TenthsLog(log));
        return InterleavedReport.ToMarkdown(samples, probeIndex: 0);
    }

    /// <summary>Writes a line each time another tenth of the run has passed (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class TenthsLog(TextWriter log) : IProgress<double>
    {
        private int _reported;

        public void Report(double value)
        {
            int tenth = (int)(value * 10);
            if (tenth > _reported)
            {
                _reported = tenth;
                log.WriteLine($"{tenth * 10} %");
            }
        }
    }
}
