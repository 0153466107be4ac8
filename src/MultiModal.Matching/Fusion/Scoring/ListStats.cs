namespace MultiModal.Matching.Fusion.Scoring;

/// <summary>What the normalisers need to know about one modality's result list.</summary>
internal struct ListStats
{
    public float Min;
    public float Max;
    public float Mean;
    public float StdDev;
    public int Length;
    public DistanceMetric Metric;
    public float[]? Knots;

    /// <summary>Min, max, mean and population standard deviation of <paramref name="raw"/>; zeros for an empty list.</summary>
    public static ListStats Of(ReadOnlySpan<float> raw, DistanceMetric metric, float[]? knots)
    {
        var s = new ListStats { Length = raw.Length, Metric = metric, Knots = knots };
        if (raw.Length == 0)
        {
            return s;
        }

        float min = raw[0], max = raw[0];
        double sum = 0;
        foreach (float x in raw)
        {
            min = MathF.Min(min, x);
            max = MathF.Max(max, x);
            sum += x;
        }

        double mean = sum / raw.Length, squares = 0;
        foreach (float x in raw)
        {
            double d = x - mean;
            squares += d * d;
        }

        s.Min = min;
        s.Max = max;
        s.Mean = (float)mean;
        s.StdDev = (float)Math.Sqrt(squares / raw.Length);
        return s;
    }
}
