using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// One query against 320 MiB of contiguous rows (three times the 105 MiB L3), single-threaded; the GB/s column
/// is row bytes over the median time, to compare with the ≈ 40 GB/s single-thread DRAM read limit.
/// </summary>
[Config(typeof(ScanConfig))]
public class BatchScanBenchmarks
{
    private const long TotalBytes = 320L << 20;
    private float[] _rows = [];
    private float[] _query = [];
    private float[] _scores = [];

    [Params(128, 768)]
    public int D { get; set; }

    /// <summary>The bytes of rows one scan reads at this dimension.</summary>
    public static double BytesFor(int dimension) => RowsFor(dimension) * (double)dimension * sizeof(float);

    private static int RowsFor(int dimension) => (int)(TotalBytes / (dimension * sizeof(float)));

    [GlobalSetup]
    public void Setup()
    {
        int rows = RowsFor(D);
        var rng = new Random(42);
        _rows = new float[(long)rows * D];
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i] = (float)rng.NextDouble() - 0.5f;
        }

        _query = Enumerable.Range(0, D).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _scores = new float[rows];
    }

    [Benchmark(Baseline = true)]
    public void DotBatch_TensorPrimitives()
    {
        int d = D;
        ReadOnlySpan<float> rows = _rows;
        Span<float> scores = _scores;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(_query, rows.Slice(i * d, d));
        }
    }

    [Benchmark]
    public void DotBatch_Kernels() => VectorKernels.DotBatch(_query, _rows, _scores);

    [Benchmark]
    public void L2SquaredBatch_Kernels() => VectorKernels.L2SquaredBatch(_query, _rows, _scores);
}
