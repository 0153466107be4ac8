using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing;

public sealed partial class FlatIndex : IStoredVectorScorer
{
    /// <inheritdoc/>
    int IStoredVectorScorer.ScoreStored(ReadOnlySpan<float> query, ReadOnlySpan<int> ids, Span<float> scores, Span<bool> found)
    {
        int d = Dimension;
        bool l2 = Metric == DistanceMetric.L2;
        int hits = 0;
        _lock.EnterReadLock();
        try
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (!_slotById.TryGetValue(ids[i], out int slot))
                {
                    found[i] = false;
                    continue;
                }

                var row = new ReadOnlySpan<float>(_rows, slot * d, d);
                scores[i] = l2 ? VectorKernels.L2Squared(query, row) : VectorKernels.Dot(query, row);
                found[i] = true;
                hits++;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return hits;
    }
}
