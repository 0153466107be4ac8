namespace MultiModal.Matching.Media.Encoders.ImageFeatures;

/// <summary>
/// Colour histograms in HSV on a spatial grid. Chromatic pixels vote into hue × 2 saturation × 2 value bins,
/// with linear interpolation between neighbouring hue bins (hue is circular); near-grey or dark pixels
/// (S &lt; 0.15 or V &lt; 0.15), whose hue is noise, vote into 4 grey bins by value. Each cell's histogram is a
/// distribution (sums to 1) and is square-rooted (Hellinger), so the dot product of two vectors is the
/// Bhattacharyya coefficient summed over cells.
/// </summary>
internal static class HsvHistogram
{
    public const int GrayBins = 4;

    public static void Compute(ReadOnlySpan<byte> rgb, int size, int grid, int hueBins, Span<float> destination)
    {
        int perCell = (hueBins * 4) + GrayBins;
        destination.Clear();
        for (int y = 0; y < size; y++)
        {
            int cy = y * grid / size;
            for (int x = 0; x < size; x++)
            {
                int cx = x * grid / size;
                Span<float> cell = destination.Slice(((cy * grid) + cx) * perCell, perCell);
                int i = ((y * size) + x) * 3;
                Vote(rgb[i], rgb[i + 1], rgb[i + 2], hueBins, cell);
            }
        }

        for (int c = 0; c < grid * grid; c++)
        {
            Span<float> cell = destination.Slice(c * perCell, perCell);
            float total = 0;
            foreach (float v in cell)
            {
                total += v;
            }

            for (int k = 0; k < cell.Length; k++)
            {
                cell[k] = total > 0 ? MathF.Sqrt(cell[k] / total) : 0;
            }
        }
    }

    private static void Vote(int r, int g, int b, int hueBins, Span<float> cell)
    {
        int max = Math.Max(r, Math.Max(g, b));
        int min = Math.Min(r, Math.Min(g, b));
        float v = max / 255f;
        float s = max == 0 ? 0 : (max - min) / (float)max;
        int hueArea = hueBins * 4;
        if (s < 0.15f || v < 0.15f)
        {
            int grayBin = Math.Min(GrayBins - 1, (int)(v * GrayBins));
            cell[hueArea + grayBin] += 1;
            return;
        }

        float delta = max - min;
        float h;
        if (max == r)
        {
            h = (g - b) / delta;
        }
        else if (max == g)
        {
            h = 2 + ((b - r) / delta);
        }
        else
        {
            h = 4 + ((r - g) / delta);
        }

        h = (h < 0 ? h + 6 : h) / 6f;
        int sBin = s < 0.5f ? 0 : 1;
        int vBin = v < 0.6f ? 0 : 1;
        float pos = (h * hueBins) - 0.5f;
        int h0 = (int)MathF.Floor(pos);
        float frac = pos - h0;
        h0 = ((h0 % hueBins) + hueBins) % hueBins;
        int h1 = (h0 + 1) % hueBins;
        int sv = (sBin * 2) + vBin;
        cell[(h0 * 4) + sv] += 1 - frac;
        cell[(h1 * 4) + sv] += frac;
    }
}
