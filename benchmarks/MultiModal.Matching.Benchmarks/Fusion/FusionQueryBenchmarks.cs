using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// The whole query (retrieval included) over 3 modalities × 512 dimensions with exact FlatIndex scans, k = 10:
/// early (one 1,536-d joint scan), late (three 512-d scans, window 100) per combiner, and hybrid (early coarse
/// stage for 200 candidates, exact per-modality re-rank).
/// </summary>
[Config(typeof(FusionBenchmarkConfig))]
public class FusionQueryBenchmarks
{
    private static readonly IFusion EarlyFusion = Fuse.Early();
    private static readonly IFusion LateWeightedSum = Fuse.Late(Combine.WeightedSum(Normalize.MinMax)).WithWindow(100);
    private static readonly IFusion LateCombMnz = Fuse.Late(Combine.CombMnz(Normalize.MinMax)).WithWindow(100);
    private static readonly IFusion LateMax = Fuse.Late(Combine.Max(Normalize.MinMax)).WithWindow(100);
    private static readonly IFusion LateRrf = Fuse.Late(Combine.Rrf(60)).WithWindow(100);
    private static readonly IFusion LateBorda = Fuse.Late(Combine.Borda()).WithWindow(100);
    private static readonly IFusion Hybrid = Fuse.Hybrid(Fuse.Early(), Fuse.Late(Combine.WeightedSum(Normalize.ZScore)), candidates: 200);
    private readonly FusionResult _result = new();
    private FusionSource _source = null!;
    private FusionQuery _query = null!;

    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = FusionBenchmarkData.Get(N);
        _source = data.Source;
        _query = data.Query;
    }

    [Benchmark(Baseline = true)]
    public int Query_Early() => Run(EarlyFusion);

    [Benchmark]
    public int Query_LateWeightedSum() => Run(LateWeightedSum);

    [Benchmark]
    public int Query_LateCombMnz() => Run(LateCombMnz);

    [Benchmark]
    public int Query_LateMax() => Run(LateMax);

    [Benchmark]
    public int Query_LateRrf() => Run(LateRrf);

    [Benchmark]
    public int Query_LateBorda() => Run(LateBorda);

    [Benchmark]
    public int Query_Hybrid200() => Run(Hybrid);

    private int Run(IFusion fusion)
    {
        fusion.Search(_source, _query, _result);
        return _result.Count;
    }
}
