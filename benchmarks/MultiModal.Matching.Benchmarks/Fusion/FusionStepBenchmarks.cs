using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// The fusion step alone, after retrieval: late fusion of 3 lists × 100 candidates into the top 10 (merge,
/// normalise, combine, select, explain) per combiner, and the hybrid re-rank of 200 candidates × 3 exact
/// scores from stored vectors (gather + batch kernel + combine).
/// </summary>
[Config(typeof(FusionBenchmarkConfig))]
public class FusionStepBenchmarks
{
    private const int K = 10;
    private readonly FusionResult _result = new();
    private FusionWorkspace _late = new();
    private FusionWorkspace _rerank = new();
    private FusedMatch[] _candidates = [];
    private FusionSource _source = null!;

    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = FusionBenchmarkData.Get(N);
        _source = data.Source;
        _late = new FusionWorkspace();
        _late.Resolve(_source, data.Query, Fuse.Late().Settings);
        _late.Retrieve(data.Query, 100);
        var coarse = new MultiModalQuery(200);
        coarse.CopyFrom(data.Query, 200);
        _candidates = Fuse.Early().Search(_source, coarse).Matches.ToArray();
        _rerank = new FusionWorkspace();
        _rerank.Resolve(_source, data.Query, Fuse.Late().Settings);
    }

    [Benchmark]
    public int LateStep_WeightedSumMinMax() => Late(Combine.WeightedSum(Normalize.MinMax));

    [Benchmark]
    public int LateStep_WeightedSumZScore() => Late(Combine.WeightedSum(Normalize.ZScore));

    [Benchmark]
    public int LateStep_CombMnz() => Late(Combine.CombMnz(Normalize.MinMax));

    [Benchmark]
    public int LateStep_Max() => Late(Combine.Max(Normalize.MinMax));

    [Benchmark(Baseline = true)]
    public int LateStep_Rrf() => Late(Combine.Rrf(60));

    [Benchmark]
    public int LateStep_Borda() => Late(Combine.Borda());

    [Benchmark]
    public int HybridRerank_200x3_WeightedSum()
    {
        HybridFusionEngine.Rescore(_rerank, _source, WeightedSum, _candidates, K, _result);
        return _result.Count;
    }

    [Benchmark]
    public int HybridRerank_200x3_Rrf()
    {
        HybridFusionEngine.Rescore(_rerank, _source, Rrf, _candidates, K, _result);
        return _result.Count;
    }

    private static readonly ScoreCombination WeightedSum = Combine.WeightedSum(Normalize.ZScore);
    private static readonly ScoreCombination Rrf = Combine.Rrf(60);

    private int Late(ScoreCombination combination)
    {
        LateFusionEngine.FuseLists(_late, _source, combination, K, exact: false, _result);
        return _result.Count;
    }
}
