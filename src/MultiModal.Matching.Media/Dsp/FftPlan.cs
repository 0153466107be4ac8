using System.Numerics;

namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// A complex forward FFT of one fixed length, any length ≥ 1: a mixed-radix Stockham (self-sorting) transform
/// with radix-4, 2 and 3 butterflies and a general butterfly for other prime factors (5 for Whisper's 400-point
/// frames, 7, …). Twiddle factors are computed once in double precision. Immutable and thread-safe; callers
/// supply the scratch buffer.
/// </summary>
internal sealed class FftPlan
{
    private readonly Stage[] _stages;

    public FftPlan(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        var stages = new List<Stage>();
        int n = length, stride = 1;
        foreach (int p in Factor(length))
        {
            int m = n / p;
            var twiddles = new Complex[m * p];
            for (int q = 0; q < m; q++)
            {
                for (int j = 0; j < p; j++)
                {
                    twiddles[(q * p) + j] = Complex.FromPolarCoordinates(1, -2 * Math.PI * q * j / n);
                }
            }

            Complex[]? roots = null;
            if (p is not (2 or 3 or 4))
            {
                roots = new Complex[p * p];
                for (int t = 0; t < p; t++)
                {
                    for (int j = 0; j < p; j++)
                    {
                        roots[(t * p) + j] = Complex.FromPolarCoordinates(1, -2 * Math.PI * ((t * j) % p) / p);
                    }
                }
            }

            stages.Add(new Stage(p, m, stride, twiddles, roots));
            n = m;
            stride *= p;
        }

        _stages = [.. stages];
    }

    /// <summary>The transform length.</summary>
    public int Length { get; }

    /// <summary>In-place forward transform X[k] = Σ x[n]·e^(−2πikn/N) of <paramref name="data"/>, using <paramref name="scratch"/> (both of <see cref="Length"/>).</summary>
    public void Forward(Span<Complex> data, Span<Complex> scratch)
    {
        System.Diagnostics.Debug.Assert(data.Length == Length && scratch.Length >= Length);
        Span<Complex> x = data, y = scratch[..Length];
        foreach (Stage stage in _stages)
        {
            stage.Run(x, y);
            Span<Complex> t = x;
            x = y;
            y = t;
        }

        if (_stages.Length % 2 == 1)
        {
            x.CopyTo(data);
        }
    }

    /// <summary>Radix 4 first (fewest passes), then 2, 3, 5, 7, … .</summary>
    private static List<int> Factor(int n)
    {
        var factors = new List<int>();
        while (n % 4 == 0)
        {
            factors.Add(4);
            n /= 4;
        }

        for (int p = 2; n > 1; p++)
        {
            if ((long)p * p > n)
            {
                p = n;
            }

            while (n % p == 0)
            {
                factors.Add(p);
                n /= p;
            }
        }

        return factors;
    }

    private sealed class Stage(int radix, int m, int stride, Complex[] twiddles, Complex[]? roots)
    {
        public void Run(ReadOnlySpan<Complex> x, Span<Complex> y)
        {
            int s = stride, p = radix;
            for (int q = 0; q < m; q++)
            {
                ReadOnlySpan<Complex> w = twiddles.AsSpan(q * p, p);
                for (int k = 0; k < s; k++)
                {
                    int input = k + (s * q), output = k + (s * p * q);
                    switch (p)
                    {
                        case 2:
                            {
                                Complex a0 = x[input], a1 = x[input + (s * m)];
                                y[output] = a0 + a1;
                                y[output + s] = (a0 - a1) * w[1];
                                break;
                            }

                        case 4:
                            {
                                int sm = s * m;
                                Complex a0 = x[input], a1 = x[input + sm], a2 = x[input + (2 * sm)], a3 = x[input + (3 * sm)];
                                Complex t0 = a0 + a2, t1 = a0 - a2, t2 = a1 + a3, t3 = a1 - a3;
                                var t3j = new Complex(t3.Imaginary, -t3.Real); // −i·t3
                                y[output] = t0 + t2;
                                y[output + s] = (t1 + t3j) * w[1];
                                y[output + (2 * s)] = (t0 - t2) * w[2];
                                y[output + (3 * s)] = (t1 - t3j) * w[3];
                                break;
                            }

                        case 3:
                            {
                                const double Sin60 = 0.86602540378443864676;
                                int sm = s * m;
                                Complex a0 = x[input], a1 = x[input + sm], a2 = x[input + (2 * sm)];
                                Complex t1 = a1 + a2, t2 = a0 - (0.5 * t1), d = a1 - a2;
                                var t3 = new Complex(Sin60 * d.Imaginary, -Sin60 * d.Real); // −i·(√3/2)·(a1 − a2)
                                y[output] = a0 + t1;
                                y[output + s] = (t2 + t3) * w[1];
                                y[output + (2 * s)] = (t2 - t3) * w[2];
                                break;
                            }

                        default:
                            General(x, y, input, output, w);
                            break;
                    }
                }
            }
        }

        private void General(ReadOnlySpan<Complex> x, Span<Complex> y, int input, int output, ReadOnlySpan<Complex> w)
        {
            int p = radix, sm = stride * m;
            for (int j = 0; j < p; j++)
            {
                Complex sum = x[input];
                for (int t = 1; t < p; t++)
                {
                    sum += x[input + (t * sm)] * roots![(t * p) + j];
                }

                y[output + (stride * j)] = sum * w[j];
            }
        }
    }
}
