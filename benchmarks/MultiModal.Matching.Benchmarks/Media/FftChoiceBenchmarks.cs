using System.Numerics;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.IntegralTransforms;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Benchmarks.Media;

/// <summary>The FFT choice: this library's mixed-radix FFT against MathNet.Numerics 5.0 (Bluestein for non-powers of 2), complex and real input.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FftChoiceBenchmarks
{
    private Complex[] _source = [];
    private Complex[] _data = [];
    private Complex[] _scratch = [];
    private float[] _real = [];
    private double[] _mathNetReal = [];
    private float[] _power = [];
    private FftPlan _plan = null!;
    private RealFft _realFft = null!;

    [Params(400, 512)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _source = Enumerable.Range(0, N).Select(_ => new Complex(random.NextDouble(), random.NextDouble())).ToArray();
        _data = new Complex[N];
        _scratch = new Complex[N];
        _real = Enumerable.Range(0, N).Select(_ => (float)random.NextDouble()).ToArray();
        _mathNetReal = new double[N + 2];
        _power = new float[(N / 2) + 1];
        _plan = new FftPlan(N);
        _realFft = new RealFft(N);
    }

    [Benchmark(Baseline = true)]
    public Complex Complex_Own()
    {
        _source.CopyTo(_data, 0);
        _plan.Forward(_data, _scratch);
        return _data[1];
    }

    [Benchmark]
    public Complex Complex_MathNet()
    {
        _source.CopyTo(_data, 0);
        Fourier.Forward(_data, FourierOptions.NoScaling);
        return _data[1];
    }

    [Benchmark]
    public float RealPower_Own()
    {
        _realFft.Power(_real, _power);
        return _power[1];
    }

    [Benchmark]
    public double Real_MathNet()
    {
        for (int i = 0; i < N; i++)
        {
            _mathNetReal[i] = _real[i];
        }

        Fourier.ForwardReal(_mathNetReal, N, FourierOptions.NoScaling);
        return _mathNetReal[2];
    }
}
