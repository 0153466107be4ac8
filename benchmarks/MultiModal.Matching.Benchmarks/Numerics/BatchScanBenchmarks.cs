using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// One query against 320 MiB of contiguous rows (three times the 105 MiB L3), single-threaded; the GB/s column
/// is row bytes over the median time. ANCHORS.md quotes ≈ 40 GB/s for one thread; the two <c>ReadCeiling_*</c>
/// rows measure what one core of this machine actually reads in the same run (a plain AVX-512 sum over the
/// same bytes, as one stream and as eight), so the scan's efficiency is a ratio taken side by side. The rows start on
/// a cache-line boundary, as FlatIndex's do (a plain float[]'s data starts 16 bytes into a line, which splits every
/// 64-byte load).
/// </summary>
[Config(typeof(ScanConfig))]
public class BatchScanBenchmarks
{
    private const long TotalBytes = 320L << 20;
    private AlignedFloatBuffer _rowBuffer = new(0);
    private float[] _query = [];
    private float[] _scores = [];
    private FlatIndex _index = null!;
    private readonly Neighbor[] _top = new Neighbor[10];

    [Params(128, 768)]
    public int D { get; set; }

    private Span<float> Rows => _rowBuffer.Slice(0, _rowBuffer.Length);

    /// <summary>The bytes of rows one scan reads at this dimension.</summary>
    public static double BytesFor(int dimension) => RowsFor(dimension) * (double)dimension * sizeof(float);

    private static int RowsFor(int dimension) => (int)(TotalBytes / (dimension * sizeof(float)));

    [GlobalSetup]
    public void Setup()
    {
        int rows = RowsFor(D);
        var rng = new Random(42);
        _rowBuffer = new AlignedFloatBuffer(checked(rows * D));
        var all = Rows;
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (float)rng.NextDouble() - 0.5f;
        }

        _query = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _scores = new float[rows];
        _index = new FlatIndex(D, DistanceMetric.DotProduct, new FlatIndexOptions { InitialCapacity = rows });
        for (int i = 0; i < rows; i++)
        {
            _index.Add(i, Rows.Slice(i * D, D));
        }
    }

    [Benchmark(Baseline = true)]
    public void DotBatch_TensorPrimitives()
    {
        int d = D;
        ReadOnlySpan<float> rows = Rows;
        Span<float> scores = _scores;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(_query, rows.Slice(i * d, d));
        }
    }

    [Benchmark]
    public void DotBatch_Kernels() => VectorKernels.DotBatch(_query, Rows, _scores);

    /// <summary>The same scan without the software prefetch of short rows (the design choice, side by side).</summary>
    [Benchmark]
    public void DotBatch_Kernels_NoPrefetch()
    {
        VectorKernels.ScanPrefetch = false;
        try
        {
            VectorKernels.DotBatch(_query, Rows, _scores);
        }
        finally
        {
            VectorKernels.ScanPrefetch = true;
        }
    }

    [Benchmark]
    public void L2SquaredBatch_Kernels() => VectorKernels.L2SquaredBatch(_query, Rows, _scores);

    /// <summary>The exact index's whole query over the same rows: batch scan plus top-10 selection, one thread.</summary>
    [Benchmark]
    public int FlatIndexSearch_Top10() => _index.Search(_query, 10, _top);

    /// <summary>The read ceiling with one sequential stream: an AVX-512 sum over every row byte, nothing else.</summary>
    [Benchmark]
    public float ReadCeiling_OneStream()
    {
        int w = Vector512<float>.Count;
        var rows = Rows;
        nint n = rows.Length / (4 * w) * (4 * w);
        ref float p = ref MemoryMarshal.GetReference(rows);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (nint i = 0; i < n; i += 4 * w)
        {
            a0 += Vector512.LoadUnsafe(ref Unsafe.Add(ref p, i));
            a1 += Vector512.LoadUnsafe(ref Unsafe.Add(ref p, i + w));
            a2 += Vector512.LoadUnsafe(ref Unsafe.Add(ref p, i + (2 * w)));
            a3 += Vector512.LoadUnsafe(ref Unsafe.Add(ref p, i + (3 * w)));
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>The read ceiling with eight streams: eight contiguous slices summed in lockstep.</summary>
    [Benchmark]
    public float ReadCeiling_EightStreams()
    {
        int w = Vector512<float>.Count;
        var rows = Rows;
        nint slice = rows.Length / (8 * w) * w;
        ref float p = ref MemoryMarshal.GetReference(rows);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (nint i = 0; i < slice; i += w)
        {
            ref float at = ref Unsafe.Add(ref p, i);
            a0 += Vector512.LoadUnsafe(ref at);
            a1 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, slice));
            a2 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 2 * slice));
            a3 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 3 * slice));
            a4 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 4 * slice));
            a5 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 5 * slice));
            a6 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 6 * slice));
            a7 += Vector512.LoadUnsafe(ref Unsafe.Add(ref at, 7 * slice));
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
    }
}
