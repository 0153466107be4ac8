namespace MultiModal.Matching.Media.Encoders.ImageFeatures;

/// <summary>
/// HOG-like gradient-orientation histograms: central-difference gradients of the grey image, unsigned
/// orientation (0..180°) with magnitude-weighted linear interpolation between neighbouring bins, one histogram
/// per grid cell, each normalised with L2-Hys (L2, clip at 0.2, L2 again) as Dalal and Triggs do per block.
/// </summary>
internal static class GradientHistogram
{
    public static void Compute(ReadOnlySpan<float> gray, int size, int grid, int bins, Span<float> destination)
    {
        destination.Clear();
        float binWidth = MathF.PI / bins;
        for (int y = 0; y < size; y++)
        {
            int ym = Math.Max(y - 1, 0), yp = Math.Min(y + 1, size - 1);
            int cy = y * grid / size;
            for (int x = 0; x < size; x++)
            {
                int xm = Math.Max(x - 1, 0), xp = Math.Min(x + 1, size - 1);
                float gx = gray[(y * size) + xp] - gray[(y * size) + xm];
                float gy = gray[(yp * size) + x] - gray[(ym * size) + x];
                float magnitude = MathF.Sqrt((gx * gx) + (gy * gy));
                if (magnitude == 0)
                {
                    continue;
                }

                float angle = MathF.Atan2(gy, gx);
                if (angle < 0)
                {
                    angle += MathF.PI;
                }

                float pos = (angle / binWidth) - 0.5f;
                int b0 = (int)MathF.Floor(pos);
                float frac = pos - b0;
                b0 = ((b0 % bins) + bins) % bins;
                int b1 = (b0 + 1) % bins;
                int cx = x * grid / size;
                Span<float> cell = destination.Slice(((cy * grid) + cx) * bins, bins);
                cell[b0] += magnitude * (1 - frac);
                cell[b1] += magnitude * frac;
            }
        }

        for (int c = 0; c < grid * grid; c++)
        {
            L2Hys(destination.Slice(c * bins, bins));
        }
    }

    private static void L2Hys(Span<float> v)
    {
        Normalize(v);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = Math.Min(v[i], 0.2f);
        }

        Normalize(v);
    }

    private static void Normalize(Span<float> v)
    {
        double sum = 1e-12;
        foreach (float x in v)
        {
            sum += x * x;
        }

        float inv = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= inv;
        }
    }
}
