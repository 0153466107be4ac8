namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>Input checks shared by the index's public members.</summary>
internal static class VectorChecks
{
    /// <summary>Whether every component is finite (no NaN, no ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<float> vector)
    {
        foreach (float x in vector)
        {
            if (!float.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
