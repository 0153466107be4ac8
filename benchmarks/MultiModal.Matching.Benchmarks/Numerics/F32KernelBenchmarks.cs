using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// The f32 kernels against <see cref="TensorPrimitives"/> (the baseline of each category), per ISA job.
/// TensorPrimitives has no squared distance, so its L2² is <c>Distance</c> squared (one extra sqrt per call).
/// </summary>
[Config(typeof(IsaConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class F32KernelBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];

    [Params(128, 384, 768, 1536)]
    public int D { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Dot")]
    public float Dot_TensorPrimitives() => TensorPrimitives.Dot(_a, _b);

    [Benchmark, BenchmarkCategory("Dot")]
    public float Dot_Kernels() => VectorKernels.Dot(_a, _b);

    [Benchmark(Baseline = true), BenchmarkCategory("L2Squared")]
    public float L2Squared_TensorPrimitives()
    {
        float d = TensorPrimitives.Distance(_a, _b);
        return d * d;
    }

    [Benchmark, BenchmarkCategory("L2Squared")]
    public float L2Squared_Kernels() => VectorKernels.L2Squared(_a, _b);

    [Benchmark(Baseline = true), BenchmarkCategory("Cosine")]
    public float Cosine_TensorPrimitives() => TensorPrimitives.CosineSimilarity(_a, _b);

    [Benchmark, BenchmarkCategory("Cosine")]
    public float Cosine_Kernels() => VectorKernels.Cosine(_a, _b);
}
