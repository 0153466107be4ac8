namespace MultiModal.Matching.Media;

/// <summary>The modified Bessel function of the first kind, order zero (for Kaiser windows).</summary>
internal static class Bessel
{
    /// <summary>I₀(x) by its power series Σ ((x/2)^k / k!)², summed until terms fall below 1e-17 of the total.</summary>
    public static double I0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 500; k++)
        {
            term *= half / k;
            double t2 = term * term;
            sum += t2;
            if (t2 < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
