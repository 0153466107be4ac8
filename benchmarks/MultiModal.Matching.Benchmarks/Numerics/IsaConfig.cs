using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// One short job per instruction set, selected with the runtime's ISA switches (as ImageSharp's
/// <c>Config.HwIntrinsics</c>): Vector512 (everything on), AVX2 (AVX-512 off), Vector128 (AVX2 off) and scalar
/// (all hardware intrinsics off). .NET 10 reads <c>DOTNET_EnableAVX512</c>; <c>…AVX512F</c> is set too for older runtimes.
/// Short iterations because the reference machine is shared, timed on <see cref="ThreadCpuClock"/> so that time slices
/// taken by other processes are not counted: compare ratios within one run, not absolute times across runs.
/// </summary>
public sealed class IsaConfig : ManualConfig
{
    public IsaConfig()
    {
        // MMM_BENCH_CLOCK=wall: the figures to quote from an idle machine (wall clock, longer and more iterations);
        // the default thread-CPU-time short job is for a loaded machine, where it removes lost time slices.
        Job baseJob = Environment.GetEnvironmentVariable("MMM_BENCH_CLOCK") == "wall"
            ? Job.Default.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            : Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithEvaluateOverhead(false)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(25)).WithClock(new ThreadCpuClock());
        Job[] jobs =
        [
            baseJob.WithId("Vector512"),
            baseJob.WithId("AVX2").WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512", "0"), new EnvironmentVariable("DOTNET_EnableAVX512F", "0")),
            baseJob.WithId("Vector128").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")),
            baseJob.WithId("Scalar").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableHWIntrinsic", "0")),
        ];

        // MMM_BENCH_JOBS=Vector512,AVX2 runs a subset (each job is a process per case, slow on a loaded machine).
        string[]? only = Environment.GetEnvironmentVariable("MMM_BENCH_JOBS")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (Job job in jobs)
        {
            if (only is null || only.Contains(job.Id, StringComparer.OrdinalIgnoreCase))
            {
                AddJob(job);
            }
        }

        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        BuildTimeout = TimeSpan.FromMinutes(15); // the shared machine builds slowly
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>A short job in the host process (no per-job build), on <see cref="ThreadCpuClock"/>: for comparing code paths that need no ISA switch.</summary>
public sealed class InProcessShortConfig : ManualConfig
{
    public InProcessShortConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(7).WithEvaluateOverhead(false)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(25)).WithClock(new ThreadCpuClock())
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithId("InProcess"));
        AddColumn(StatisticColumn.Median);
    }
}

/// <summary>
/// The scan in the host process, timed on <see cref="ThreadCpuClock"/>, which ignores the time slices other
/// processes take on the shared machine; with <c>MMM_BENCH_CLOCK=wall</c>, on the wall clock (for an idle machine).
/// </summary>
public sealed class ScanConfig : ManualConfig
{
    public ScanConfig()
    {
        Job job = Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
        AddJob(Environment.GetEnvironmentVariable("MMM_BENCH_CLOCK") == "wall"
            ? job.WithWarmupCount(2).WithIterationCount(9).WithId("WallClock")
            : job.WithClock(new ThreadCpuClock()).WithId("ThreadCpuClock"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(new ThroughputColumn());
    }
}
