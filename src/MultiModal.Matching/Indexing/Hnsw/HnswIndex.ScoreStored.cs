namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex : IStoredVectorScorer
{
    /// <summary>Ids resolved (and rows then scored) per chunk: the record offsets live on the stack.</summary>
    private const int ScoreChunk = 64;

    /// <inheritdoc/>
    /// <remarks>Scores the full-precision vectors in the records in place (as <see cref="TryGetVector"/> reads them), whatever the quantisation.</remarks>
    int IStoredVectorScorer.ScoreStored(ReadOnlySpan<float> query, ReadOnlySpan<int> ids, Span<float> scores, Span<bool> found)
    {
        bool l2 = _metric == DistanceMetric.L2;
        int hits = 0;
        Span<nint> offsets = stackalloc nint[ScoreChunk];
        Span<int> where = stackalloc int[ScoreChunk];
        Span<float> chunkScores = stackalloc float[ScoreChunk];
        _structure.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            for (int start = 0; start < ids.Length; start += ScoreChunk)
            {
                int end = Math.Min(ids.Length, start + ScoreChunk);
                int rows = 0;
                lock (_allocLock)
                {
                    EnsureDerivedStateLocked();
                    for (int i = start; i < end; i++)
                    {
                        bool live = _idToSlot!.TryGetValue(ids[i], out int slot);
                        found[i] = live;
                        if (live)
                        {
                            offsets[rows] = (nint)((long)slot * _stride) + _vectorOffset;
                            where[rows++] = i;
                        }
                    }
                }

                StoredRowScoring.ScoreChunk(query, ref *_level0, offsets[..rows], where[..rows], chunkScores, scores, l2);

                hits += rows;
            }
        }
        finally
        {
            _structure.ExitReadLock();
        }

        return hits;
    }
}
