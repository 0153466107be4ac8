using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// The x86 int8 paths side by side in one process, to choose the dispatch order: AVX-512BW widening
/// multiply-add (512-bit) vs AVX-VNNI (256-bit VPDPBUSD / VPDPWSSD) vs AVX2 VPMADDWD. Needs a CPU with all three.
/// </summary>
[Config(typeof(InProcessShortConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Int8PathBenchmarks
{
    private sbyte[] _a = [];
    private sbyte[] _b = [];

    [Params(128, 384, 768, 1536)]
    public int D { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = Enumerable.Range(0, D).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        _b = Enumerable.Range(0, D).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
    }

    private ref sbyte A => ref MemoryMarshal.GetArrayDataReference(_a);

    private ref sbyte B => ref MemoryMarshal.GetArrayDataReference(_b);

    [Benchmark(Baseline = true), BenchmarkCategory("Dot")]
    public int Dot_Avx2() => Int8Kernels.DotAvx2(ref A, ref B, D);

    [Benchmark, BenchmarkCategory("Dot")]
    public int Dot_Avx512BW() => Int8Kernels.DotAvx512BW(ref A, ref B, D);

    [Benchmark, BenchmarkCategory("Dot")]
    public int Dot_AvxVnni() => Int8Kernels.DotAvxVnni(ref A, ref B, D);

    [Benchmark(Baseline = true), BenchmarkCategory("L2Squared")]
    public int L2Squared_Avx2() => Int8Kernels.L2SquaredAvx2(ref A, ref B, D);

    [Benchmark, BenchmarkCategory("L2Squared")]
    public int L2Squared_Avx512BW() => Int8Kernels.L2SquaredAvx512BW(ref A, ref B, D);

    [Benchmark, BenchmarkCategory("L2Squared")]
    public int L2Squared_AvxVnni() => Int8Kernels.L2SquaredAvxVnni(ref A, ref B, D);
}
