using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing;

public sealed partial class FlatIndex
{
    // Rows scored per batch call: large enough that the batch kernel's multi-stream split runs long streams
    // (at 256 rows each of its eight streams was only 32 rows long), small enough that the scores (8 KB on
    // the stack) stay in L1 for the top-k pass that follows.
    private const int BlockRows = 2048;
    private const int StackQueryLimit = 2048;

    /// <inheritdoc/>
    /// <remarks>
    /// Exact: the result is the true top-k by (distance, id), so ties are broken by ascending id. A search on
    /// an empty index, or with a filter that nothing matches, returns 0. With the default options it allocates
    /// nothing; with <see cref="FlatIndexOptions.MaxDegreeOfParallelism"/> above 1 and enough rows, the scan is
    /// split into row blocks searched on several threads and merged.
    /// </remarks>
    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> destination, IIdFilter? filter = null)
    {
        VectorArguments.ThrowIfInvalidK(k, destination.Length, nameof(destination));
        VectorArguments.ThrowIfInvalid(query, Dimension, nameof(query));

        float[]? rented = null;
        Span<float> q = Dimension <= StackQueryLimit
            ? stackalloc float[StackQueryLimit]
            : (rented = ArrayPool<float>.Shared.Rent(Dimension));
        q = q[..Dimension];
        query.CopyTo(q);
        if (Metric == DistanceMetric.Cosine)
        {
            VectorKernels.NormalizeInPlace(q);
        }

        _lock.EnterReadLock();
        try
        {
            int n = _count;
            var top = new TopK(destination[..k]);
            int tasks = Math.Min(_maxDegreeOfParallelism, n / _minRowsPerTask);
            if (tasks >= 2)
            {
                return SearchParallel(q, k, n, tasks, destination, filter);
            }

            ScanRange(q, 0, n, ref top, filter);
            return top.SortInPlace();
        }
        finally
        {
            _lock.ExitReadLock();
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private int SearchParallel(ReadOnlySpan<float> q, int k, int n, int tasks, Span<Neighbor> destination, IIdFilter? filter)
    {
        float[] queryCopy = ArrayPool<float>.Shared.Rent(Dimension);
        Neighbor[] partial = ArrayPool<Neighbor>.Shared.Rent(tasks * k);
        int[] found = ArrayPool<int>.Shared.Rent(tasks);
        try
        {
            q.CopyTo(queryCopy);
            int dimension = Dimension;
            Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = tasks }, t =>
            {
                int start = (int)((long)n * t / tasks);
                int end = (int)((long)n * (t + 1) / tasks);
                var local = new TopK(partial.AsSpan(t * k, k));
                ScanRange(queryCopy.AsSpan(0, dimension), start, end, ref local, filter);
                found[t] = local.SortInPlace();
            });

            var top = new TopK(destination[..k]);
            for (int t = 0; t < tasks; t++)
            {
                foreach (Neighbor candidate in partial.AsSpan(t * k, found[t]))
                {
                    top.Push(candidate.Id, candidate.Distance);
                }
            }

            return top.SortInPlace();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(found);
            ArrayPool<Neighbor>.Shared.Return(partial);
            ArrayPool<float>.Shared.Return(queryCopy);
        }
    }

    /// <summary>Offers rows [start, end) to <paramref name="top"/>. The caller holds the read lock.</summary>
    private void ScanRange(scoped ReadOnlySpan<float> q, int start, int end, ref TopK top, IIdFilter? filter)
    {
        switch (Metric)
        {
            case DistanceMetric.L2:
                ScanRange<L2Distance>(q, start, end, ref top, filter);
                break;
            case DistanceMetric.DotProduct:
                ScanRange<DotDistance>(q, start, end, ref top, filter);
                break;
            default:
                ScanRange<CosineDistance>(q, start, end, ref top, filter);
                break;
        }
    }

    private void ScanRange<TDistance>(scoped ReadOnlySpan<float> q, int start, int end, ref TopK top, IIdFilter? filter)
        where TDistance : struct, IDistance
    {
        int d = Dimension;
        if (filter is not null)
        {
            for (int row = start; row < end; row++)
            {
                int id = _ids[row];
                if (filter.Matches(id))
                {
                    float distance = TDistance.Distance(q, _rows.Slice(row * d, d));
                    top.Push(id, float.IsNaN(distance) ? float.PositiveInfinity : distance);
                }
            }

            return;
        }

        Span<float> scores = stackalloc float[BlockRows];
        for (int block = start; block < end; block += BlockRows)
        {
            int rows = Math.Min(BlockRows, end - block);
            Span<float> s = scores[..rows];
            TDistance.DistanceBatch(q, _rows.Slice(block * d, rows * d), s);
            OfferBlock(s, _ids.AsSpan(block, rows), ref top);
        }
    }

    /// <summary>
    /// Offers a block of scores to the selector. Once it is full almost every row loses to the worst kept pair,
    /// so sixteen scores at a time are compared with that bound first and only a group holding a possible winner
    /// (a score at most the bound, or NaN, which is ranked as +∞) goes through <see cref="TopK.Push"/>, which
    /// decides exactly (ties by id). This keeps the selection off the scan's critical path at small d.
    /// </summary>
    private static void OfferBlock(scoped ReadOnlySpan<float> scores, scoped ReadOnlySpan<int> ids, ref TopK top)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float s0 = ref MemoryMarshal.GetReference(scores);
            for (; i + Vector512<float>.Count <= scores.Length; i += Vector512<float>.Count)
            {
                // GreaterThanAll is false for a NaN lane, so NaN scores take the exact path below.
                if (!Vector512.GreaterThanAll(Vector512.LoadUnsafe(ref s0, (nuint)i), Vector512.Create(top.WorstDistance)))
                {
                    OfferEach(scores.Slice(i, Vector512<float>.Count), ids.Slice(i, Vector512<float>.Count), ref top);
                }
            }
        }

        OfferEach(scores[i..], ids[i..], ref top);
    }

    private static void OfferEach(scoped ReadOnlySpan<float> scores, scoped ReadOnlySpan<int> ids, ref TopK top)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            float distance = scores[i];
            top.Push(ids[i], float.IsNaN(distance) ? float.PositiveInfinity : distance);
        }
    }
}
