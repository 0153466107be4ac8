namespace MultiModal.Matching.Indexing;

public sealed partial class FlatIndex : IStoredVectorScorer
{
    /// <summary>Ids resolved (and rows then scored) per chunk: the row offsets live on the stack.</summary>
    private const int ScoreChunk = 64;

    /// <inheritdoc/>
    int IStoredVectorScorer.ScoreStored(ReadOnlySpan<float> query, ReadOnlySpan<int> ids, Span<float> scores, Span<bool> found)
    {
        int d = Dimension;
        bool l2 = Metric == DistanceMetric.L2;
        int hits = 0;
        Span<nint> offsets = stackalloc nint[ScoreChunk];
        Span<int> where = stackalloc int[ScoreChunk];
        Span<float> chunkScores = stackalloc float[ScoreChunk];
        _lock.EnterReadLock();
        try
        {
            ref byte origin = ref _rows.Origin;
            for (int start = 0; start < ids.Length; start += ScoreChunk)
            {
                // Resolve the whole chunk first, so the map lookups overlap and the kernel sees only row offsets.
                int end = Math.Min(ids.Length, start + ScoreChunk);
                int rows = 0;
                for (int i = start; i < end; i++)
                {
                    bool live = _slotById.TryGetValue(ids[i], out int slot);
                    found[i] = live;
                    if (live)
                    {
                        offsets[rows] = (nint)slot * d * sizeof(float);
                        where[rows++] = i;
                    }
                }

                StoredRowScoring.ScoreChunk(query, ref origin, offsets[..rows], where[..rows], chunkScores, scores, l2);

                hits += rows;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return hits;
    }
}
