using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>
/// The fusion step alone, after retrieval: late fusion of 3 lists × 100 candidates into the top 10 (merge,
/// normalise, combine, select, explain) per combiner, and the hybrid re-rank of 200 candidates × 3 exact
/// scores from stored vectors (in place over FlatIndex and HnswIndex, or copied out through TryGetVector, + combine).
/// The hot re-rank cases score the same 200 candidates every invocation, so their 600 rows (1.2 MB) stay in cache (L2/L3);
/// the <c>_Cold</c> case cycles through 128 sets of 200 random ids (≈ 150 MB of rows over the three modalities, more than
/// the 105 MB L3), so its rows and map entries come from DRAM, as after a coarse stage that streamed the joint index.
/// The index buffers lie on transparent huge pages where the kernel grants them; the <c>_4KPages</c> cases score
/// copies on 4 KiB pages beside them.
/// </summary>
[Config(typeof(FusionBenchmarkConfig))]
public class FusionStepBenchmarks
{
    private const int K = 10;
    private const int ColdSets = 128;
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
    private FusionSource _hnswSource = null!;
    private FusionSource _hnswCopySource = null!;
    private FusionWorkspace _rerankHnsw = new();
    private FusionWorkspace _rerankHnswCopy = new();
    private FusionSource _smallPageSource = null!;
    private FusionWorkspace _rerankSmallPages = new();
    private FusedMatch[][] _coldSets = [];
    private int _coldNext;

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
        _hnswSource = data.HnswSource;
        _rerankHnsw = new FusionWorkspace();
        _rerankHnsw.Resolve(_hnswSource, data.Query, Fuse.Late().Settings);
        _hnswCopySource = new FusionSource(Enumerable.Range(0, 3).Select(m => KeyValuePair.Create(_hnswSource.Modalities[m], (IVectorIndex)new CopyOnlyIndex(_hnswSource.GetIndex(m)))));
        _rerankHnswCopy = new FusionWorkspace();
        _rerankHnswCopy.Resolve(_hnswCopySource, data.Query, Fuse.Late().Settings);
        _smallPageSource = data.SmallPageSource;
        _rerankSmallPages = new FusionWorkspace();
        _rerankSmallPages.Resolve(_smallPageSource, data.Query, Fuse.Late().Settings);
        var coldRandom = new Random(7);
        _coldSets = new FusedMatch[ColdSets][];
        for (int set = 0; set < ColdSets; set++)
        {
            _coldSets[set] = Enumerable.Range(0, 200).Select(_ => new FusedMatch(coldRandom.Next(N), 0f, ReadOnlyMemory<ModalityContribution>.Empty)).ToArray();
        }

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

    /// <summary>
    /// How much of the core this run had: fixed integer work with no memory traffic (<see cref="HostProbe"/>). Read the
    /// other cases against it; on this shared host it has measured from 1× to 2× its quiet time between runs.
    /// </summary>
    [Benchmark]
    public ulong HostProbe_IntegerChains() => HostProbe.IntegerChains(HostProbe.Iterations);

    /// <summary>The arithmetic floor of the re-rank: 600 dot products of 512-d rows already contiguous in cache.</summary>
    [Benchmark]
    public float Reference_DotBatch_600x512()
    {
        VectorKernels.DotBatch(_referenceQuery, _referenceRows, _referenceScores);
        return _referenceScores[0];
    }

    [Benchmark]
    public int HybridRerank_200x3_WeightedSum() => Rerank(_rerank, _source, WeightedSum, _candidates);

    /// <summary>The same re-rank through the generic path: stored vectors copied out with TryGetVector, then the batch kernel.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_CopyPath() => Rerank(_rerankCopy, _copySource, WeightedSum, _candidates);

    /// <summary>The in-place re-rank over HnswIndex records.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_Hnsw() => Rerank(_rerankHnsw, _hnswSource, WeightedSum, _candidates);

    /// <summary>HnswIndex through TryGetVector copies (what the hybrid path did before HnswIndex scored in place).</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_HnswCopyPath() => Rerank(_rerankHnswCopy, _hnswCopySource, WeightedSum, _candidates);

    /// <summary>200 random candidates per invocation from 128 sets (rows from DRAM, not cache), FlatIndex in place.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_Cold() => Rerank(_rerank, _source, WeightedSum, NextColdSet());

    /// <summary>The cold re-rank with the gather kernel's prefetch of the next rows' first lines switched off (its side-by-side reference).</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_Cold_NoPrefetch()
    {
        VectorKernels.GatherPrefetch = false;
        try
        {
            return HybridRerank_200x3_WeightedSum_Cold();
        }
        finally
        {
            VectorKernels.GatherPrefetch = true;
        }
    }

    /// <summary>The cold re-rank over FlatIndex copies whose rows lie on 4 KiB pages (the huge-page advice off): its side-by-side reference.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_Cold_4KPages() => Rerank(_rerankSmallPages, _smallPageSource, WeightedSum, NextColdSet());

    /// <summary>The hot re-rank (the same 200 candidates every call) over the 4 KiB-page copies.</summary>
    [Benchmark]
    public int HybridRerank_200x3_WeightedSum_4KPages() => Rerank(_rerankSmallPages, _smallPageSource, WeightedSum, _candidates);

    [Benchmark]
    public int HybridRerank_200x3_Rrf() => Rerank(_rerank, _source, Rrf, _candidates);

    private int Rerank(FusionWorkspace workspace, FusionSource source, ScoreCombination combination, FusedMatch[] candidates)
    {
        HybridFusionEngine.Rescore(workspace, source, combination, candidates, K, _result);
        return _result.Count;
    }

    /// <summary>The next of the cold candidate sets, in rotation.</summary>
    private FusedMatch[] NextColdSet()
    {
        var set = _coldSets[_coldNext];
        _coldNext = (_coldNext + 1) % ColdSets;
        return set;
    }

    private int Late(ScoreCombination combination)
    {
        LateFusionEngine.FuseLists(_late, _source, combination, K, exact: false, _result);
        return _result.Count;
    }
}
