using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing;

/// <summary>The scoring step shared by the indexes' <see cref="IStoredVectorScorer"/> implementations.</summary>
internal static class StoredRowScoring
{
    /// <summary>
    /// Scores the stored rows at <paramref name="byteOffsets"/> from <paramref name="origin"/> against the query in place
    /// (the gather kernels: squared L2 for <paramref name="l2"/>, else the dot product) and writes row r's score to
    /// <c>scores[destinations[r]]</c>; <paramref name="destinations"/> ascend strictly. <paramref name="chunkScores"/> is
    /// scratch of at least as many floats as rows, used only when the destinations have gaps (some ids were not found).
    /// </summary>
    public static void ScoreChunk(
        ReadOnlySpan<float> query,
        ref byte origin,
        ReadOnlySpan<nint> byteOffsets,
        ReadOnlySpan<int> destinations,
        Span<float> chunkScores,
        Span<float> scores,
        bool l2)
    {
        int rows = byteOffsets.Length;
        if (rows == 0)
        {
            return;
        }

        // Ascending destinations that span exactly as many places as rows are contiguous: score straight into them.
        bool contiguous = destinations[rows - 1] - destinations[0] == rows - 1;
        var chunk = contiguous ? scores.Slice(destinations[0], rows) : chunkScores[..rows];
        if (l2)
        {
            VectorKernels.L2SquaredGather(query, ref origin, byteOffsets, chunk);
        }
        else
        {
            VectorKernels.DotGather(query, ref origin, byteOffsets, chunk);
        }

        if (!contiguous)
        {
            for (int r = 0; r < chunk.Length; r++)
            {
                scores[destinations[r]] = chunk[r];
            }
        }
    }
}
