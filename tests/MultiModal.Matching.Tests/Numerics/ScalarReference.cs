namespace MultiModal.Matching.Tests.Numerics;

/// <summary>Double-precision scalar references that the SIMD kernels are checked against.</summary>
internal static class ScalarReference
{
    /// <summary>The exact-ish dot product and the sum of its terms' magnitudes (the scale its rounding error lives on).</summary>
    public static (double Value, double Magnitude) Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0, magnitude = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double t = (double)a[i] * b[i];
            sum += t;
            magnitude += Math.Abs(t);
        }

        return (sum, magnitude);
    }

    public static double L2Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double na = Math.Sqrt(Dot(a, a).Value), nb = Math.Sqrt(Dot(b, b).Value);
        return na == 0 || nb == 0 ? 0 : Dot(a, b).Value / (na * nb);
    }

    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a).Value);

    /// <summary>Uniform components in [−1, 1) from a fixed seed.</summary>
    public static float[] RandomVector(Random rng, int length)
    {
        var v = new float[length];
        for (int i = 0; i < length; i++)
        {
            v[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return v;
    }
}
