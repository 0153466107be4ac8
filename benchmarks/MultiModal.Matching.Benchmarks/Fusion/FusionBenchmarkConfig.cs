using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// A short in-process job (the 100k × 3 × 512 collection is built once per process and shared by every case),
/// with the memory diagnoser and the median.
/// </summary>
public sealed class FusionBenchmarkConfig : ManualConfig
{
    public FusionBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
    }
}
