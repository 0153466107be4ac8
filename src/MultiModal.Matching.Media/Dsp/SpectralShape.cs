namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// Per-frame spectral shape descriptors as librosa defines them, on a magnitude spectrum with bin k at
/// frequency k·binHertz: centroid Σf·S/ΣS; bandwidth (ΣS·(f − centroid)²/ΣS)^½; roll-off, the lowest bin
/// frequency below which <c>rollPercent</c> of ΣS lies; and the zero-crossing rate of a time-domain frame.
/// Silent frames give 0. All members are thread-safe.
/// </summary>
internal static class SpectralShape
{
    public static (float Centroid, float Bandwidth, float Rolloff) Describe(ReadOnlySpan<float> magnitude, double binHertz, double rollPercent = 0.85)
    {
        double total = 0, weighted = 0;
        for (int k = 0; k < magnitude.Length; k++)
        {
            total += magnitude[k];
            weighted += k * binHertz * magnitude[k];
        }

        if (total <= 1e-20)
        {
            return (0, 0, 0);
        }

        double centroid = weighted / total;
        double spread = 0, cumulative = 0, threshold = rollPercent * total;
        int rolloffBin = -1;
        for (int k = 0; k < magnitude.Length; k++)
        {
            double d = (k * binHertz) - centroid;
            spread += magnitude[k] * d * d;
            cumulative += magnitude[k];
            if (rolloffBin < 0 && cumulative >= threshold)
            {
                rolloffBin = k;
            }
        }

        return ((float)centroid, (float)Math.Sqrt(spread / total), (float)(Math.Max(rolloffBin, 0) * binHertz));
    }

    /// <summary>The fraction of adjacent sample pairs whose signs differ (0 counts as positive, as librosa).</summary>
    public static float ZeroCrossingRate(ReadOnlySpan<float> frame)
    {
        if (frame.Length < 2)
        {
            return 0;
        }

        int crossings = 0;
        for (int i = 1; i < frame.Length; i++)
        {
            crossings += (frame[i] >= 0) != (frame[i - 1] >= 0) ? 1 : 0;
        }

        return (float)crossings / frame.Length;
    }
}
