using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Benchmarks.Fusion;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// Why the hot re-rank's time depends on where the rows lie. Each case scores the same 3 × 200 rows of 512 floats
/// with the gather kernel (<see cref="VectorKernels.DotGather"/>), every call, so the rows should stay in the 2 MB L2:
/// <list type="bullet">
/// <item><c>Contiguous</c>: the 600 rows packed in one 1.2 MB block (no L2 set holds more than its share).</item>
/// <item><c>Scattered_4KPages</c>: rows at random among 100,000 per modality, in blocks on 4 KiB pages; the L2 sets of
/// each row follow from whichever physical frames the kernel handed out.</item>
/// <item><c>Scattered_HugePages</c>: the same rows in blocks on huge pages (<see cref="LargeBufferMemory"/>), each block at
/// its own colour, as the indexes allocate them.</item>
/// <item><c>Scattered_HugePages_SameColour</c>: the same, but every block read from its 2 MiB boundary, so row r of all
/// three modalities falls in the same L2 sets.</item>
/// <item><c>Scattered_HugePages_SetBalanced</c>: rows chosen so that each modality's 200 spread evenly over the L2's 64
/// set bands of 2 KB (within a huge page the set follows from the address).</item>
/// </list>
/// If the cost of scattered rows were TLB misses or prefetcher start-up, set-balanced rows would cost as much as random
/// ones; if it is L2 set conflicts, they cost what contiguous rows do (docs/benchmarks.md, "Session 5").
/// </summary>
[Config(typeof(FusionBenchmarkConfig))]
public unsafe class GatherLayoutBenchmarks
{
    private const int Dimension = 512;
    private const int RowBytes = Dimension * sizeof(float);
    private const int Rows = 100_000;
    private const int Modalities = 3;
    private const int Candidates = 200;
    private const int BandBytes = 2048;
    private const int Bands = LargeBufferMemory.CacheSetSpan / BandBytes;
    private readonly float[] _query = new float[Dimension];
    private readonly float[] _scores = new float[Candidates];
    private LargeBufferMemory.Block _contiguous;
    private readonly LargeBufferMemory.Block[] _small = new LargeBufferMemory.Block[Modalities];
    private readonly LargeBufferMemory.Block[] _huge = new LargeBufferMemory.Block[Modalities];
    private readonly nint[][] _randomOffsets = new nint[Modalities][];
    private readonly nint[][] _balancedOffsets = new nint[Modalities][];
    private nint[] _packedOffsets = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _query.AsSpan().Fill(0.01f);
        _contiguous = LargeBufferMemory.Allocate((long)Modalities * Candidates * RowBytes, 64);
        Fill(_contiguous);
        _packedOffsets = Enumerable.Range(0, Candidates).Select(i => (nint)i * RowBytes).ToArray();
        for (int m = 0; m < Modalities; m++)
        {
            LargeBufferMemory.AdviseHugePages = false;
            _small[m] = LargeBufferMemory.Allocate((long)Rows * RowBytes, 64);
            LargeBufferMemory.AdviseHugePages = true;
            _huge[m] = LargeBufferMemory.Allocate((long)Rows * RowBytes, 64);
            Fill(_small[m]);
            Fill(_huge[m]);
            _randomOffsets[m] = Enumerable.Range(0, Candidates).Select(_ => (nint)random.Next(Rows) * RowBytes).ToArray();
            _balancedOffsets[m] = BalancedRows(_huge[m].Pointer, random, m);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        LargeBufferMemory.Free(_contiguous);
        for (int m = 0; m < Modalities; m++)
        {
            LargeBufferMemory.Free(_small[m]);
            LargeBufferMemory.Free(_huge[m]);
        }
    }

    [Benchmark(Baseline = true)]
    public float Contiguous()
    {
        for (int m = 0; m < Modalities; m++)
        {
            VectorKernels.DotGather(_query, ref _contiguous.Pointer[(long)m * Candidates * RowBytes], _packedOffsets, _scores);
        }

        return _scores[0];
    }

    [Benchmark]
    public float Scattered_4KPages() => Gather(_small, _randomOffsets, fromBase: false);

    [Benchmark]
    public float Scattered_HugePages() => Gather(_huge, _randomOffsets, fromBase: false);

    [Benchmark]
    public float Scattered_HugePages_SameColour() => Gather(_huge, _randomOffsets, fromBase: true);

    [Benchmark]
    public float Scattered_HugePages_SetBalanced() => Gather(_huge, _balancedOffsets, fromBase: false);

    private float Gather(LargeBufferMemory.Block[] blocks, nint[][] offsets, bool fromBase)
    {
        for (int m = 0; m < Modalities; m++)
        {
            // A block's base is its 2 MiB boundary; the mapping holds its colour plus its bytes, so reading the same
            // offsets from the base stays inside it.
            byte* origin = fromBase ? blocks[m].Base : blocks[m].Pointer;
            VectorKernels.DotGather(_query, ref *origin, offsets[m], _scores);
        }

        return _scores[0];
    }

    /// <summary>
    /// 200 distinct rows whose starts cycle through the 64 set bands (offset by the modality, so the three modalities'
    /// bands interleave too): row r's band is its address within the 128 KB set span, in 2 KB steps.
    /// </summary>
    private static nint[] BalancedRows(byte* origin, Random random, int modality)
    {
        var chosen = new HashSet<int>();
        var offsets = new nint[Candidates];
        for (int i = 0; i < Candidates; i++)
        {
            int band = ((i * Modalities) + modality) % Bands;
            while (true)
            {
                int row = random.Next(Rows);
                long address = (long)(nuint)(origin + ((long)row * RowBytes));
                if (address % LargeBufferMemory.CacheSetSpan / BandBytes == band && chosen.Add(row))
                {
                    offsets[i] = (nint)row * RowBytes;
                    break;
                }
            }
        }

        return offsets;
    }

    private static void Fill(LargeBufferMemory.Block block) => new Span<byte>(block.Pointer, (int)Math.Min(block.Bytes, int.MaxValue)).Fill(0x3c);
}
