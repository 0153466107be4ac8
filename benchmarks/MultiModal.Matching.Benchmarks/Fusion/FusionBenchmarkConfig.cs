using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// An in-process job (the 100k × 3 × 512 collection is built once per process and shared by every case) of ten
/// 250 ms iterations after three warm-ups, with the memory diagnoser, the median and the minimum (the least-disturbed
/// iteration). Ten iterations rather than
/// ShortRun's three: on this shared 2-core machine single iterations swing by up to 2×, and the median of three
/// followed the swings.
/// </summary>
public sealed class FusionBenchmarkConfig : ManualConfig
{
    public FusionBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("inprocess-10x250ms"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(StatisticColumn.Min);
    }
}
