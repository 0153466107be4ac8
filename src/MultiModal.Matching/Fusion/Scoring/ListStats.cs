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
    public static ListStats Of(ReadOnlySpan<float> raw, DistanceMetric metric, float[]? knots) =>
        Of(raw, metric, knots, range: true, moments: true);

    /// <summary>Only what <paramref name="normalization"/> reads: min and max for min-max, mean and σ for z-score and DBSF, else just the length.</summary>
    public static ListStats Of(ReadOnlySpan<float> raw, DistanceMetric metric, float[]? knots, ScoreNormalization normalization) =>
        Of(raw, metric, knots, range: normalization == ScoreNormalization.MinMax, moments: normalization is ScoreNormalization.ZScore or ScoreNormalization.Dbsf);

    private static ListStats Of(ReadOnlySpan<float> raw, DistanceMetric metric, float[]? knots, bool range, bool moments)
    {
        var s = new ListStats { Length = raw.Length, Metric = metric, Knots = knots };
        if (raw.Length == 0)
        {
            return s;
        }

        if (range)
        {
            float min = raw[0], max = raw[0];
            foreach (float x in raw)
            {
                min = x < min ? x : min;
                max = x > max ? x : max;
            }

            s.Min = min;
            s.Max = max;
        }

        if (moments)
        {
            // Two independent accumulators per pass halve the add-latency chain; the sums stay in double.
            double sum0 = 0, sum1 = 0;
            int i = 0;
            for (; i + 1 < raw.Length; i += 2)
            {
                sum0 += raw[i];
                sum1 += raw[i + 1];
            }

            double mean = (sum0 + sum1 + (i < raw.Length ? raw[i] : 0.0)) / raw.Length, squares0 = 0, squares1 = 0;
            for (i = 0; i + 1 < raw.Length; i += 2)
            {
                double d0 = raw[i] - mean, d1 = raw[i + 1] - mean;
                squares0 += d0 * d0;
                squares1 += d1 * d1;
            }

            double last = i < raw.Length ? raw[i] - mean : 0.0;
            s.Mean = (float)mean;
            s.StdDev = (float)Math.Sqrt((squares0 + squares1 + (last * last)) / raw.Length);
        }

        return s;
    }
}
