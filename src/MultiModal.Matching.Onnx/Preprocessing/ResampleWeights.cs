namespace MultiModal.Matching.Onnx.Preprocessing;

/// <summary>
/// One axis of a separable resize with a triangle (bilinear) filter whose support widens with the downscale
/// factor (as PIL's antialiased bilinear), so that shrinking a photo to 224 pixels does not alias.
/// For each output index: the first source index and its normalised weights.
/// </summary>
internal sealed class ResampleWeights
{
    private ResampleWeights(int[] starts, int[] counts, float[] weights, int stride)
    {
        Starts = starts;
        Counts = counts;
        Weights = weights;
        Stride = stride;
    }

    /// <summary>First source index per output index.</summary>
    public int[] Starts { get; }

    /// <summary>Number of source taps per output index.</summary>
    public int[] Counts { get; }

    /// <summary>Weights, <see cref="Stride"/> per output index.</summary>
    public float[] Weights { get; }

    /// <summary>The space reserved per output index in <see cref="Weights"/>.</summary>
    public int Stride { get; }

    /// <summary>
    /// Weights mapping <paramref name="sourceLength"/> samples onto a virtual axis of <paramref name="scaledLength"/>
    /// samples, of which the <paramref name="outputLength"/> starting at <paramref name="offset"/> are produced (a crop).
    /// </summary>
    public static ResampleWeights Create(int sourceLength, int scaledLength, int offset, int outputLength)
    {
        double scale = (double)sourceLength / scaledLength;
        double filterScale = Math.Max(1.0, scale);
        double support = filterScale; // triangle support 1, widened when shrinking
        int stride = (int)Math.Ceiling(support) * 2 + 1;
        var starts = new int[outputLength];
        var counts = new int[outputLength];
        var weights = new float[outputLength * stride];
        double[] w = new double[stride];
        for (int i = 0; i < outputLength; i++)
        {
            double center = (i + offset + 0.5) * scale;
            int first = Math.Max(0, (int)Math.Floor(center - support));
            int last = Math.Min(sourceLength, (int)Math.Ceiling(center + support));
            double total = 0;
            int n = 0;
            for (int j = first; j < last && n < stride; j++, n++)
            {
                double x = Math.Abs((j + 0.5 - center) / filterScale);
                w[n] = x < 1 ? 1 - x : 0;
                total += w[n];
            }

            if (total <= 0)
            {
                // Degenerate (a point exactly between taps at the border): take the nearest sample.
                first = Math.Clamp((int)center, 0, sourceLength - 1);
                n = 1;
                w[0] = 1;
                total = 1;
            }

            starts[i] = first;
            counts[i] = n;
            for (int k = 0; k < n; k++)
            {
                weights[(i * stride) + k] = (float)(w[k] / total);
            }
        }

        return new ResampleWeights(starts, counts, weights, stride);
    }
}
