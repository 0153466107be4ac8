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
    private int _offsetA;
    private int _offsetB;

    private ReadOnlySpan<float> A => _a.AsSpan(_offsetA, D);

    private ReadOnlySpan<float> B => _b.AsSpan(_offsetB, D);

    [Params(128, 384, 768, 1536)]
    public int D { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        (_a, _offsetA) = AlignedVector(rng, D);
        (_b, _offsetB) = AlignedVector(rng, D);
    }

    /// <summary>
    /// Both operands start on a 64-byte boundary (pinned arrays, offset to the boundary), so neither side is
    /// timed with cache-line-splitting loads that depend on where the GC happened to place an array: with
    /// unaligned arrays, runs of this class differed by more than the effects being compared.
    /// </summary>
    private static (float[] Array, int Offset) AlignedVector(Random rng, int length)
    {
        float[] array = GC.AllocateArray<float>(length + 16, pinned: true);
        int offset;
        unsafe
        {
            fixed (float* p = array)
            {
                offset = (int)((64 - ((nuint)p % 64)) % 64) / sizeof(float);
            }
        }

        for (int i = 0; i < length; i++)
        {
            array[offset + i] = (float)rng.NextDouble() - 0.5f;
        }

        return (array, offset);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Dot")]
    public float Dot_TensorPrimitives() => TensorPrimitives.Dot(A, B);

    [Benchmark, BenchmarkCategory("Dot")]
    public float Dot_Kernels() => VectorKernels.Dot(A, B);

    [Benchmark(Baseline = true), BenchmarkCategory("L2Squared")]
    public float L2Squared_TensorPrimitives()
    {
        float d = TensorPrimitives.Distance(A, B);
        return d * d;
    }

    [Benchmark, BenchmarkCategory("L2Squared")]
    public float L2Squared_Kernels() => VectorKernels.L2Squared(A, B);

    [Benchmark(Baseline = true), BenchmarkCategory("Cosine")]
    public float Cosine_TensorPrimitives() => TensorPrimitives.CosineSimilarity(A, B);

    [Benchmark, BenchmarkCategory("Cosine")]
    public float Cosine_Kernels() => VectorKernels.Cosine(A, B);
}
