using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    /// <summary>Finds the nearest items with the default beam width <see cref="HnswOptions.EfSearch"/>.</summary>
    /// <param name="query">The query, of length <see cref="Dimension"/>, all components finite.</param>
    /// <param name="k">How many results are wanted; at least 1.</param>
    /// <param name="destination">Receives the results, closest first; at least <paramref name="k"/> long.</param>
    /// <param name="filter">An optional predicate every result must satisfy.</param>
    /// <returns>The number of results written; <c>min(k, live items)</c>, and with a filter <c>min(k, matching live items)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">Wrong dimension, a non-finite component, or <paramref name="destination"/> shorter than <paramref name="k"/>.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe; allocates nothing once the calling thread's scratch is warm.</remarks>
    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> destination, IIdFilter? filter = null) =>
        Search(query, k, destination, _options.EfSearch, filter);

    /// <summary>Finds the nearest items with a given beam width.</summary>
    /// <param name="query">The query, of length <see cref="Dimension"/>, all components finite.</param>
    /// <param name="k">How many results are wanted; at least 1.</param>
    /// <param name="destination">Receives the results, closest first; at least <paramref name="k"/> long.</param>
    /// <param name="efSearch">The beam width on level 0 (raised to <paramref name="k"/> when smaller); at least 1. Larger is slower and more accurate.</param>
    /// <param name="filter">An optional predicate every result must satisfy.</param>
    /// <returns>The number of results written; <c>min(k, live items)</c>, and with a filter <c>min(k, matching live items)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="efSearch"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">Wrong dimension, a non-finite component, or <paramref name="destination"/> shorter than <paramref name="k"/>.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe; allocates nothing once the calling thread's scratch is warm.</remarks>
    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> destination, int efSearch, IIdFilter? filter = null)
    {
        VectorArguments.ThrowIfInvalidK(k, destination.Length, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        ValidateVector(query, nameof(query));

        _structure.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            HnswScratch scratch = RentScratch();
            PrepareQuery(query, scratch.Query);
            byte* q = scratch.QueryRecord(_stride);
            WriteVector(q, scratch.Query);
            int ef = Math.Max(efSearch, k);
            return _metric switch
            {
                DistanceMetric.L2 => SearchCore<L2Distance>(q, k, ef, filter, scratch, destination),
                DistanceMetric.DotProduct => SearchCore<DotDistance>(q, k, ef, filter, scratch, destination),
                _ => SearchCore<CosineDistance>(q, k, ef, filter, scratch, destination),
            };
        }
        finally
        {
            _structure.ExitReadLock();
        }
    }

    private int SearchCore<TDistance>(byte* query, int k, int ef, IIdFilter? filter, HnswScratch scratch, Span<Neighbor> destination)
        where TDistance : struct, IDistance
    {
        (int entry, int maxLevel) = UnpackEntry(Volatile.Read(ref _entryState));
        if (entry < 0 || Volatile.Read(ref _liveCount) == 0)
        {
            return 0;
        }

        int ep = entry;
        float epDistance = Dist<TDistance>(query, Record(ep));
        for (int level = maxLevel; level > 0; level--)
        {
            GreedyDescend<TDistance>(query, ref ep, ref epDistance, level, scratch);
        }

        if (filter is not null)
        {
            return SearchFiltered<TDistance>(query, k, ef, filter, ep, epDistance, scratch, destination);
        }

        SearchLayer<TDistance, HnswAcceptLive>(query, ep, epDistance, ef, 0, scratch, default);
        Rerank<TDistance>(query, k, scratch);
        return CopyResults(scratch.Results, k, destination);
    }

    /// <summary>
    /// Two-tier search: the traversal ranked by int8 codes; re-scores the best k·<see cref="HnswOptions.RerankOversampling"/>
    /// candidates exactly in f32 and leaves them in the result heap. A no-op without quantisation.
    /// </summary>
    private void Rerank<TDistance>(byte* query, int k, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        if (_quantizer is null)
        {
            return;
        }

        HnswHeap results = scratch.Results;
        int keep = Math.Max(k, k * _options.RerankOversampling);
        while (results.Count > keep)
        {
            results.Pop();
        }

        Span<HnswCandidate> items = results.Items;
        for (int i = 0; i < items.Length; i++)
        {
            items[i].Distance = ExactDist<TDistance>(query, Record(items[i].Slot));
        }

        results.Heapify();
    }

    /// <summary>Pops the heap down to <paramref name="k"/> and writes it ascending by (distance, id).</summary>
    private int CopyResults(HnswHeap results, int k, Span<Neighbor> destination)
    {
        while (results.Count > k)
        {
            results.Pop();
        }

        int count = results.Count;
        Span<HnswCandidate> items = results.Items;
        for (int i = 0; i < count; i++)
        {
            destination[i] = new Neighbor(IdOf(Record(items[i].Slot)), items[i].Distance);
        }

        results.Clear();
        destination[..count].Sort();
        return count;
    }

    /// <summary>Walks to the closest node reachable by single steps on one upper layer.</summary>
    internal void GreedyDescend<TDistance>(byte* query, ref int ep, ref float epDistance, int level, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int slotCount = Volatile.Read(ref _slotCount);
        bool changed = true;
        while (changed)
        {
            changed = false;
            int count = CopyLinks(ep, level, scratch.Links);
            for (int i = 0; i < count; i++)
            {
                int candidate = scratch.Links[i];
                if ((uint)candidate >= (uint)slotCount)
                {
                    continue;
                }

                float d = Dist<TDistance>(query, Record(candidate));
                if (d < epDistance)
                {
                    epDistance = d;
                    ep = candidate;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// The ef-bounded beam search on one layer from one entry point. Leaves up to <paramref name="ef"/>
    /// accepted nodes in <c>scratch.Results</c> (a max-heap).
    /// </summary>
    internal void SearchLayer<TDistance, TAccept>(byte* query, int ep, float epDistance, int ef, int level, HnswScratch scratch, TAccept accept)
        where TDistance : struct, IDistance
        where TAccept : struct, IHnswAccept
    {
        int slotCount = Volatile.Read(ref _slotCount);
        HnswHeap frontier = scratch.Frontier;
        HnswHeap results = scratch.Results;
        frontier.Clear();
        results.Clear();
        scratch.BeginVisit(_capacity);
        scratch.TryVisit(ep);

        float bound = float.PositiveInfinity;
        if (accept.Accept(Record(ep)))
        {
            results.Push(epDistance, ep);
            bound = epDistance;
        }

        frontier.Push(epDistance, ep);
        int[] links = scratch.Links;
        int dimension = _dimension;
        while (frontier.Count > 0)
        {
            HnswCandidate current = frontier.Top;
            if (current.Distance > bound && results.Count >= ef)
            {
                break;
            }

            frontier.Pop();
            int count = CopyLinks(current.Slot, level, links);
            for (int i = 0; i < count; i++)
            {
                int next = links[i];
                if ((uint)next < (uint)slotCount && !scratch.IsVisited(next))
                {
                    Prefetch(Record(next) + _traversalOffset);
                }
            }

            for (int i = 0; i < count; i++)
            {
                int next = links[i];
                if ((uint)next >= (uint)slotCount || !scratch.TryVisit(next))
                {
                    continue;
                }

                float d = Dist<TDistance>(query, Record(next));
                if (results.Count < ef || d < bound)
                {
                    frontier.Push(d, next);
                    if (accept.Accept(Record(next)))
                    {
                        results.Push(d, next);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }

                        bound = results.Top.Distance;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies one layer's link list of a node under its seqlock: retries while a writer holds the node
    /// or changed it meanwhile, so the copy is never half-written. Returns the number of links.
    /// </summary>
    internal int CopyLinks(int slot, int level, int[] destination)
    {
        byte* record = Record(slot);
        ref uint version = ref *(uint*)record;
        int max = level == 0 ? _layout.MaxLinks0 : _layout.M;
        var spin = default(SpinWait);
        while (true)
        {
            uint before = Volatile.Read(ref version);
            if ((before & 1) == 0)
            {
                int* links = LinksOf(record, level, out int count);
                count = Math.Clamp(count, 0, max);
                new ReadOnlySpan<int>(links, count).CopyTo(destination);
                if (Volatile.Read(ref version) == before)
                {
                    return count;
                }
            }

            spin.SpinOnce();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(byte* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
            Sse.Prefetch0(address + 64);
        }
    }
}
