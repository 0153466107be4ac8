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
        Job baseJob = Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithEvaluateOverhead(false)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(25)).WithClock(new ThreadCpuClock());
        AddJob(baseJob.WithId("Vector512"));
        AddJob(baseJob.WithId("AVX2").WithEnvironmentVariables(
            new EnvironmentVariable("DOTNET_EnableAVX512", "0"), new EnvironmentVariable("DOTNET_EnableAVX512F", "0")));
        AddJob(baseJob.WithId("Vector128").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")));
        AddJob(baseJob.WithId("Scalar").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableHWIntrinsic", "0")));

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
/// The scan measured twice in the host process: on the wall clock and on <see cref="ThreadCpuClock"/>, which
/// ignores the time slices other processes take on the shared machine.
/// </summary>
public sealed class ScanConfig : ManualConfig
{
    public ScanConfig()
    {
        Job job = Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
        AddJob(job.WithId("WallClock"));
        AddJob(job.WithClock(new ThreadCpuClock()).WithId("ThreadCpuClock"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(new ThroughputColumn());
    }
}
