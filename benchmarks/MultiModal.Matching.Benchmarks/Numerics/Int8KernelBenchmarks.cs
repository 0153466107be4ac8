using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>The dispatched int8 kernels per ISA job, with the f32 kernel on the same d as the baseline.</summary>
[Config(typeof(IsaConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Int8KernelBenchmarks
{
    private float[] _fa = [];
    private float[] _fb = [];
    private sbyte[] _a = [];
    private sbyte[] _b = [];

    [Params(128, 384, 768, 1536)]
    public int D { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _fa = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _fb = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        ScalarQuantizer q = ScalarQuantizer.Fit([.. _fa, .. _fb]);
        _a = new sbyte[D];
        _b = new sbyte[D];
        q.Quantize(_fa, _a);
        q.Quantize(_fb, _b);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Dot")]
    public float Dot_F32() => VectorKernels.Dot(_fa, _fb);

    [Benchmark, BenchmarkCategory("Dot")]
    public int Dot_Int8() => Int8Kernels.Dot(_a, _b);

    [Benchmark(Baseline = true), BenchmarkCategory("L2Squared")]
    public float L2Squared_F32() => VectorKernels.L2Squared(_fa, _fb);

    [Benchmark, BenchmarkCategory("L2Squared")]
    public int L2Squared_Int8() => Int8Kernels.L2Squared(_a, _b);
}
