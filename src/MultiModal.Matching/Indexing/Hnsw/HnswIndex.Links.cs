namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    /// <summary>
    /// The neighbour-selection heuristic (Malkov &amp; Yashunin, algorithm 4, without extending or
    /// keeping pruned candidates): walk the candidates closest first and keep one only when it is
    /// closer to the base than to every neighbour kept so far.
    /// </summary>
    /// <param name="candidates">Sorted ascending by distance to the base.</param>
    /// <param name="max">How many to keep at most.</param>
    /// <param name="selected">Receives the kept candidates, in order.</param>
    internal int SelectNeighbors<TDistance>(ReadOnlySpan<HnswCandidate> candidates, int max, Span<HnswCandidate> selected)
        where TDistance : struct, IHnswDistance
    {
        if (candidates.Length <= max)
        {
            candidates.CopyTo(selected);
            return candidates.Length;
        }

        int count = 0;
        for (int i = 0; i < candidates.Length && count < max; i++)
        {
            HnswCandidate candidate = candidates[i];
            float* vector = VectorOf(candidate.Slot);
            bool keep = true;
            for (int j = 0; j < count; j++)
            {
                if (TDistance.Between(vector, VectorOf(selected[j].Slot), _dimension) < candidate.Distance)
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                selected[count++] = candidate;
            }
        }

        return count;
    }

    /// <summary>Writes the new node's own list at one layer (its in-links are counted on their targets).</summary>
    private void SetOwnLinks(int slot, int level, ReadOnlySpan<HnswCandidate> neighbors)
    {
        byte* record = Record(slot);
        LockNode(record);
        int* links = LinksOf(record, level, out _);
        for (int i = 0; i < neighbors.Length; i++)
        {
            links[i] = neighbors[i].Slot;
            if (level == 0)
            {
                Interlocked.Increment(ref _inDegree[neighbors[i].Slot]);
            }
        }

        SetLinkCount(record, level, neighbors.Length);
        UnlockNode(record);
    }

    /// <summary>
    /// Adds the back-link <paramref name="node"/> → <paramref name="added"/>. When the list is full it is
    /// re-selected with the heuristic; on level 0 a link whose target would be left without any
    /// in-link is kept (so pruning never strands a node).
    /// </summary>
    private void ConnectBack<TDistance>(int node, int added, int level, HnswScratch scratch)
        where TDistance : struct, IHnswDistance
    {
        byte* record = Record(node);
        int max = _layout.MaxLinks(level);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, level, out int count);
            for (int i = 0; i < count; i++)
            {
                if (links[i] == added)
                {
                    return;
                }
            }

            if (count < max)
            {
                links[count] = added;
                SetLinkCount(record, level, count + 1);
                if (level == 0)
                {
                    Interlocked.Increment(ref _inDegree[added]);
                }

                return;
            }

            float* vector = VectorOf(node);
            Span<HnswCandidate> pool = scratch.Pool.AsSpan(0, count + 1);
            for (int i = 0; i < count; i++)
            {
                pool[i] = new HnswCandidate(TDistance.Between(vector, VectorOf(links[i]), _dimension), links[i]);
            }

            pool[count] = new HnswCandidate(TDistance.Between(vector, VectorOf(added), _dimension), added);
            pool.Sort(default(HnswCandidateOrder));
            RewriteList<TDistance>(record, level, pool, added, scratch);
        }
        finally
        {
            UnlockNode(record);
        }
    }

    /// <summary>
    /// Replaces a locked node's list at one layer by the heuristic's choice among <paramref name="pool"/>
    /// (sorted ascending). <paramref name="added"/> is a slot in the pool not yet linked (−1 if none):
    /// it gains an in-link when chosen. On level 0, old links whose target cannot lose an in-link stay.
    /// </summary>
    private void RewriteList<TDistance>(byte* record, int level, Span<HnswCandidate> pool, int added, HnswScratch scratch)
        where TDistance : struct, IHnswDistance
    {
        int max = _layout.MaxLinks(level);
        Span<HnswCandidate> selected = scratch.Selected;
        int kept = SelectNeighbors<TDistance>(pool, max, selected);
        if (level == 0)
        {
            for (int i = 0; i < pool.Length; i++)
            {
                int target = pool[i].Slot;
                if (target == added || Contains(selected[..kept], target))
                {
                    continue;
                }

                if (TryReleaseInLink(target))
                {
                    continue;
                }

                // The target would be stranded: keep it, evicting the farthest evictable choice if full.
                if (kept < max)
                {
                    selected[kept++] = pool[i];
                    continue;
                }

                int evict = -1;
                for (int j = kept - 1; j >= 0; j--)
                {
                    if (selected[j].Slot == added || TryReleaseInLink(selected[j].Slot))
                    {
                        evict = j;
                        break;
                    }
                }

                if (evict >= 0)
                {
                    selected[evict] = pool[i];
                }
                else
                {
                    Interlocked.Decrement(ref _inDegree[target]);
                }
            }
        }

        int* links = LinksOf(record, level, out _);
        for (int i = 0; i < kept; i++)
        {
            links[i] = selected[i].Slot;
            if (level == 0 && selected[i].Slot == added)
            {
                Interlocked.Increment(ref _inDegree[added]);
            }
        }

        SetLinkCount(record, level, kept);
    }

    /// <summary>Drops one in-link of a level-0 target unless it is the last one.</summary>
    private bool TryReleaseInLink(int target)
    {
        ref int degree = ref _inDegree[target];
        while (true)
        {
            int current = Volatile.Read(ref degree);
            if (current <= 1)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref degree, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives a node without level-0 in-links one, from the closest node that can take it.</summary>
    private void EnsureInLink<TDistance>(int slot, HnswScratch scratch)
        where TDistance : struct, IHnswDistance
    {
        float* vector = VectorOf(slot);
        int count = CopyLinks(slot, 0, scratch.TwoHopLinks);
        for (int i = 0; i < count && Volatile.Read(ref _inDegree[slot]) == 0; i++)
        {
            int host = scratch.TwoHopLinks[i];
            if (FlagsOf(Record(host)) == 0)
            {
                ForceLink<TDistance>(host, slot, vector);
            }
        }
    }

    /// <summary>Adds host → target on level 0, evicting the host's farthest link whose target keeps another in-link.</summary>
    private void ForceLink<TDistance>(int host, int target, float* targetVector)
        where TDistance : struct, IHnswDistance
    {
        byte* record = Record(host);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, 0, out int count);
            for (int i = 0; i < count; i++)
            {
                if (links[i] == target)
                {
                    return;
                }
            }

            if (count < _layout.MaxLinks0)
            {
                links[count] = target;
                SetLinkCount(record, 0, count + 1);
                Interlocked.Increment(ref _inDegree[target]);
                return;
            }

            float* hostVector = VectorOf(host);
            int worst = -1;
            float worstDistance = float.NegativeInfinity;
            for (int i = 0; i < count; i++)
            {
                float d = TDistance.Between(hostVector, VectorOf(links[i]), _dimension);
                if (d > worstDistance && Volatile.Read(ref _inDegree[links[i]]) > 1)
                {
                    worst = i;
                    worstDistance = d;
                }
            }

            if (worst >= 0 && TryReleaseInLink(links[worst]))
            {
                links[worst] = target;
                Interlocked.Increment(ref _inDegree[target]);
            }
        }
        finally
        {
            UnlockNode(record);
        }
    }

    private static bool Contains(ReadOnlySpan<HnswCandidate> candidates, int slot)
    {
        foreach (HnswCandidate c in candidates)
        {
            if (c.Slot == slot)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes a node's seqlock for writing (version becomes odd).</summary>
    internal static void LockNode(byte* record)
    {
        ref uint version = ref *(uint*)record;
        var spin = default(SpinWait);
        while (true)
        {
            uint current = Volatile.Read(ref version);
            if ((current & 1) == 0 && Interlocked.CompareExchange(ref version, current + 1, current) == current)
            {
                return;
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Releases a node's seqlock (version becomes even and larger, so readers retry).</summary>
    internal static void UnlockNode(byte* record)
    {
        ref uint version = ref *(uint*)record;
        Volatile.Write(ref version, version + 1);
    }
}

/// <summary>Ascending by distance, then slot.</summary>
internal readonly struct HnswCandidateOrder : IComparer<HnswCandidate>
{
    public int Compare(HnswCandidate a, HnswCandidate b) =>
        a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Slot.CompareTo(b.Slot);
}
