using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    private const int SelectivitySamples = 256;

    /// <summary>
    /// Filtered search. The matching set's size is estimated (the filter's own estimate, else a
    /// sample); a small set is scanned exactly; a sparse one (under half the items) is traversed
    /// ACORN-style, stepping through non-matching neighbours to their neighbours; a dense one by
    /// the plain traversal that only admits matches to the results. Whenever the traversal yields
    /// fewer than k, the exact scan answers, so k results come back whenever k items match.
    /// </summary>
    private int SearchFiltered<TDistance>(byte* query, int k, int ef, IIdFilter filter, int ep, float epDistance, HnswScratch scratch, Span<Neighbor> destination)
        where TDistance : struct, IDistance
    {
        int live = Volatile.Read(ref _liveCount);
        long estimate = filter.EstimatedMatchCount;
        if (estimate < 0)
        {
            estimate = SampleMatches(filter, live);
        }

        long exactBudget = (long)ef * _layout.MaxLinks0 * 2;
        if (estimate > exactBudget)
        {
            if (estimate * 2 < live)
            {
                SearchTwoHop<TDistance>(query, ep, epDistance, ef, filter, scratch);
            }
            else
            {
                SearchLayer<TDistance, HnswAcceptFiltered>(query, ep, epDistance, ef, 0, scratch, new HnswAcceptFiltered(filter));
            }

            if (scratch.Results.Count >= k)
            {
                Rerank<TDistance>(query, k, scratch);
                return CopyResults(scratch.Results, k, destination);
            }
        }

        ExactScan<TDistance>(query, k, filter, scratch);
        return CopyResults(scratch.Results, k, destination);
    }

    /// <summary>Counts matches among evenly spaced live slots and scales up.</summary>
    private long SampleMatches(IIdFilter filter, int live)
    {
        int slotCount = Volatile.Read(ref _slotCount);
        int step = Math.Max(1, slotCount / SelectivitySamples);
        int seen = 0;
        int matched = 0;
        for (int slot = 0; slot < slotCount; slot += step)
        {
            byte* record = Record(slot);
            if (FlagsOf(record) == 0)
            {
                seen++;
                if (filter.Matches(IdOf(record)))
                {
                    matched++;
                }
            }
        }

        return seen == 0 ? 0 : (long)matched * live / seen;
    }

    /// <summary>The k closest matching live items by brute force; leaves them in <c>scratch.Results</c>.</summary>
    private void ExactScan<TDistance>(byte* query, int k, IIdFilter filter, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        HnswHeap results = scratch.Results;
        results.Clear();
        int slotCount = Volatile.Read(ref _slotCount);
        for (int slot = 0; slot < slotCount; slot++)
        {
            byte* record = Record(slot);
            if (FlagsOf(record) != 0 || !filter.Matches(IdOf(record)))
            {
                continue;
            }

            float d = ExactDist<TDistance>(query, record);
            if (results.Count < k)
            {
                results.Push(d, slot);
            }
            else if (d < results.Top.Distance)
            {
                results.Pop();
                results.Push(d, slot);
            }
        }
    }

    /// <summary>
    /// ACORN-1-style beam search: the frontier holds matching nodes only; a non-matching (or removed)
    /// neighbour is not evaluated but its own neighbours are, so the search hops over gaps in the
    /// matching subgraph.
    /// </summary>
    private void SearchTwoHop<TDistance>(byte* query, int ep, float epDistance, int ef, IIdFilter filter, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int slotCount = Volatile.Read(ref _slotCount);
        HnswHeap frontier = scratch.Frontier;
        HnswHeap results = scratch.Results;
        frontier.Clear();
        results.Clear();
        scratch.BeginVisit(_capacity);
        scratch.TryVisit(ep);
        var accept = new HnswAcceptFiltered(filter);
        float bound = float.PositiveInfinity;
        if (accept.Accept(Record(ep)))
        {
            results.Push(epDistance, ep);
            bound = epDistance;
        }

        frontier.Push(epDistance, ep);
        int[] links = scratch.Links;
        int[] second = scratch.TwoHopLinks;
        while (frontier.Count > 0)
        {
            HnswCandidate current = frontier.Top;
            if (current.Distance > bound && results.Count >= ef)
            {
                break;
            }

            frontier.Pop();
            int count = CopyLinks(current.Slot, 0, links);
            for (int i = 0; i < count; i++)
            {
                int next = links[i];
                if ((uint)next >= (uint)slotCount || !scratch.TryVisit(next))
                {
                    continue;
                }

                if (accept.Accept(Record(next)))
                {
                    Consider<TDistance>(query, next, ef, results, frontier, ref bound);
                    continue;
                }

                int secondCount = CopyLinks(next, 0, second);
                for (int j = 0; j < secondCount; j++)
                {
                    int hop = second[j];
                    if ((uint)hop < (uint)slotCount && !scratch.IsVisited(hop) && accept.Accept(Record(hop)))
                    {
                        scratch.TryVisit(hop);
                        Consider<TDistance>(query, hop, ef, results, frontier, ref bound);
                    }
                }
            }
        }
    }

    private void Consider<TDistance>(byte* query, int slot, int ef, HnswHeap results, HnswHeap frontier, ref float bound)
        where TDistance : struct, IDistance
    {
        float d = Dist<TDistance>(query, Record(slot));
        if (results.Count < ef || d < bound)
        {
            frontier.Push(d, slot);
            results.Push(d, slot);
            if (results.Count > ef)
            {
                results.Pop();
            }

            bound = results.Top.Distance;
        }
    }
}
