namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>
/// The 1-D weights of a separable resampling: for each output index, the first source index and the
/// normalised kernel weights (PIL's scheme: pixel centres at i + 0.5; when downscaling with antialiasing the
/// kernel is stretched by the scale factor so that every source pixel contributes).
/// </summary>
internal sealed class ResampleWeights
{
    private ResampleWeights(int[] start, int[] count, float[] weights, int taps)
    {
        Start = start;
        Count = count;
        Weights = weights;
        Taps = taps;
    }

    public int[] Start { get; }

    public int[] Count { get; }

    /// <summary><see cref="Taps"/> weights per output index (unused slots are zero).</summary>
    public float[] Weights { get; }

    public int Taps { get; }

    public static ResampleWeights Create(int inSize, int outSize, ResizeFilter filter, bool antialias)
    {
        double scale = (double)inSize / outSize;
        double stretch = antialias ? Math.Max(scale, 1.0) : 1.0;
        double support = filter switch { ResizeFilter.Bicubic => 2.0, ResizeFilter.Bilinear => 1.0, _ => 0.5 } * stretch;
        if (filter == ResizeFilter.Area)
        {
            // A box of the output pixel's footprint (at least one source pixel when upscaling).
            stretch = Math.Max(scale, 1.0);
            support = 0.5 * stretch;
        }

        int taps = (int)Math.Ceiling(support) * 2 + 1;
        var start = new int[outSize];
        var count = new int[outSize];
        var weights = new float[outSize * taps];
        Span<double> w = stackalloc double[taps];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int lo = Math.Max(0, (int)Math.Floor(center - support + 0.5));
            int hi = Math.Min(inSize, (int)Math.Floor(center + support + 0.5));
            int n = Math.Min(hi - lo, taps);
            if (n <= 0)
            {
                lo = Math.Clamp((int)center, 0, inSize - 1);
                n = 1;
            }

            double total = 0;
            for (int k = 0; k < n; k++)
            {
                double x = (lo + k + 0.5 - center) / stretch;
                double v = Kernel(filter, x);
                w[k] = v;
                total += v;
            }

            if (total == 0)
            {
                w[0] = total = 1;
                n = 1;
            }

            start[i] = lo;
            count[i] = n;
            for (int k = 0; k < n; k++)
            {
                weights[(i * taps) + k] = (float)(w[k] / total);
            }
        }

        return new ResampleWeights(start, count, weights, taps);
    }

    private static double Kernel(ResizeFilter filter, double x)
    {
        x = Math.Abs(x);
        switch (filter)
        {
            case ResizeFilter.Bilinear:
                return x < 1 ? 1 - x : 0;
            case ResizeFilter.Bicubic:
                const double a = -0.5;
                if (x < 1)
                {
                    return ((a + 2) * x * x * x) - ((a + 3) * x * x) + 1;
                }

                return x < 2 ? (a * x * x * x) - (5 * a * x * x) + (8 * a * x) - (4 * a) : 0;
            default:
                return x < 0.5 ? 1 : x == 0.5 ? 0.5 : 0;
        }
    }
}
