using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

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
    private static readonly ScoreCombination SumMinMax = Combine.WeightedSum(Normalize.MinMax);
    private static readonly ScoreCombination SumZScore = Combine.WeightedSum(Normalize.ZScore);
    private static readonly ScoreCombination CombMnz = Combine.CombMnz(Normalize.MinMax);
    private static readonly ScoreCombination Max = Combine.Max(Normalize.MinMax);
    private static readonly ScoreCombination Rrf = Combine.Rrf(60);
    private static readonly ScoreCombination Borda = Combine.Borda();
    private static readonly ScoreCombination WeightedSum = Combine.WeightedSum(Normalize.ZScore);
    private readonly float[] _referenceQuery = new float[512];
    private readonly float[] _referenceRows = new float[600 * 512];
    private readonly float[] _referenceScores = new float[600];
    private readonly FusionResult _result = new();
    private FusionWorkspace _late = new();
    private FusionWorkspace _rerank = new();
    private FusedMatch[] _candidates = [];
    private FusionSource _source = null!;
    private FusionSource _copySource = null!;
    private FusionWorkspace _rerankCopy = new();

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
        var coarse = new FusionQuery(200);
        coarse.CopyFrom(data.Query, 200);
        _candidates = Fuse.Early().Search(_source, coarse).Matches.ToArray();
        _rerank = new FusionWorkspace();
        _rerank.Resolve(_source, data.Query, Fuse.Late().Settings);
        _copySource = new FusionSource(Enumerable.Range(0, 3).Select(m => KeyValuePair.Create(_source.Modalities[m], (IVectorIndex)new CopyOnlyIndex(_source.GetIndex(m)))));
        _rerankCopy = new FusionWorkspace();
        _rerankCopy.Resolve(_copySource, data.Query, Fuse.Late().Settings);
        var random = new Random(1);
        for (int i = 0; i < _referenceRows.Length; i++)
        {
            _referenceRows[i] = random.NextSingle() - 0.5f;
        }

        _referenceQuery.AsSpan().Fill(0.01f);
    }

    [Benchmark]
    public int LateStep_WeightedSumMinMax() => Late(SumMinMax);

    [Benchmark]
    public int LateStep_WeightedSumZScore() => Late(SumZScore);

    [Benchmark]
    public int LateStep_CombMnz() => Late(CombMnz);

    [Benchmark]
    public int LateStep_Max() => Late(Max);

    [Benchmark(Baseline = true)]
    public int LateStep_Rrf() => Late(Rrf);

    [Benchmark]
    public int LateStep_Borda() => Late(Borda);

    /// <summary>The arithmetic floor of the re-rank: 600 dot products of 512-d rows already contiguous in cache.</summary>
    [Benchmark]
    public float Reference_DotBatch_600x512()
    {
        VectorKernels.DotBatch(_referenceQuery, _referenceRows, _referenceScores);
        return _referenceScores[0];
    }

    [Benchmark]
    public int HybridRerank_200x3_WeightedSum()
    {
        HybridFusionEngine.Rescore(_rerank, _source, WeightedSum, _candidates, K, _result);
        return _result.Count;
    }

    /// <summary>The same re-rank through the generic path: stored vectors copied out with TryGetVector, then the batch kernel.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_CopyPath()
    {
        HybridFusionEngine.Rescore(_rerankCopy, _copySource, WeightedSum, _candidates, K, _result);
        return _result.Count;
    }

    [Benchmark]
    public int HybridRerank_200x3_Rrf()
    {
        HybridFusionEngine.Rescore(_rerank, _source, Rrf, _candidates, K, _result);
        return _result.Count;
    }


    private int Late(ScoreCombination combination)
    {
        LateFusionEngine.FuseLists(_late, _source, combination, K, exact: false, _result);
        return _result.Count;
    }
}
