using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MultiModal.Matching.Benchmarks.Onnx;

/// <summary>A short in-process job with the memory diagnoser, the median and a tokens-per-second column.</summary>
public sealed class OnnxBenchmarkConfig : ManualConfig
{
    public OnnxBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(new TokensPerSecondColumn());
    }
}
