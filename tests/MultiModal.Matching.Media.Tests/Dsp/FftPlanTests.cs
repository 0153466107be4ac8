using System.Numerics;
using MultiModal.Matching.Media.Dsp;

namespace MultiModal.Matching.Media.Tests.Dsp;

public sealed class FftPlanTests
{
    internal static Complex[] NaiveDft(ReadOnlySpan<Complex> x)
    {
        int n = x.Length;
        var result = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            Complex sum = 0;
            for (int t = 0; t < n; t++)
            {
                sum += x[t] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)k * t % n) / n);
            }

            result[k] = sum;
        }

        return result;
    }

    private static IEnumerable<int> Lengths() =>
        Enumerable.Range(1, 64).Concat([96, 97, 100, 121, 128, 200, 210, 243, 400, 512, 625, 1000, 1024]);

    [TestCaseSource(nameof(Lengths))]
    public void Forward_MatchesNaiveDft(int n)
    {
        var random = new Random(n);
        Complex[] x = Enumerable.Range(0, n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        Complex[] expected = NaiveDft(x);
        var data = (Complex[])x.Clone();
        new FftPlan(n).Forward(data, new Complex[n]);
        double tolerance = 1e-12 * n * Math.Log2(n + 1) + 1e-12;
        for (int k = 0; k < n; k++)
        {
            Assert.That(Complex.Abs(data[k] - expected[k]), Is.LessThan(tolerance), $"n={n} k={k}");
        }
    }
}
