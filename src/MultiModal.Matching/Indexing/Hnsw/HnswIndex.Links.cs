using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// Link maintenance. Level 0 carries a spanning tree rooted at the entry point: every node records
/// its parent, and the parent's list keeps the link to it through every pruning (a "protected"
/// link), so every node stays reachable from the entry point whatever the heuristic drops.
/// </summary>
public sealed unsafe partial class HnswIndex
{
    /// <summary>
    /// The neighbour-selection heuristic (Malkov &amp; Yashunin, algorithm 4, without extending or
    /// keeping pruned candidates): walk the candidates closest first and keep one only when it is
    /// closer to the base than to every neighbour kept so far. The first <paramref name="preselected"/>
    /// entries of <paramref name="selected"/> are already kept (protected links).
    /// </summary>
    /// <param name="candidates">Sorted ascending by distance to the base; none of them preselected.</param>
    /// <param name="max">How many to keep at most, preselected included.</param>
    /// <param name="selected">Receives the kept candidates after the preselected ones.</param>
    /// <param name="preselected">How many entries of <paramref name="selected"/> are already kept.</param>
    internal int SelectNeighbors<TDistance>(ReadOnlySpan<HnswCandidate> candidates, int max, Span<HnswCandidate> selected, int preselected = 0)
        where TDistance : struct, IDistance
    {
        int count = preselected;
        if (candidates.Length + preselected <= max)
        {
            candidates.CopyTo(selected[count..]);
            return count + candidates.Length;
        }

        for (int i = 0; i < candidates.Length && count < max; i++)
        {
            HnswCandidate candidate = candidates[i];
            byte* vector = Record(candidate.Slot);
            bool keep = true;
            for (int j = 0; j < count; j++)
            {
                if (Dist<TDistance>(vector, Record(selected[j].Slot)) < candidate.Distance)
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

    /// <summary>
    /// Writes the new node's own list at one layer. Insert writes every own list before the first
    /// back-link, so no other writer can have linked from the node yet; should a list already hold
    /// links, they are merged in and the union re-selected, so a tree link to a child is never overwritten.
    /// </summary>
    private void SetOwnLinks<TDistance>(int slot, int level, ReadOnlySpan<HnswCandidate> neighbors, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        byte* record = Record(slot);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, level, out int existing);
            if (existing == 0)
            {
                for (int i = 0; i < neighbors.Length; i++)
                {
                    links[i] = neighbors[i].Slot;
                }

                SetLinkCount(record, level, neighbors.Length);
                return;
            }

            byte* vector = Record(slot);
            int pooled = 0;
            foreach (HnswCandidate neighbor in neighbors)
            {
                AddToPool<TDistance>(scratch, ref pooled, vector, slot, neighbor.Slot);
            }

            for (int i = 0; i < existing; i++)
            {
                AddToPool<TDistance>(scratch, ref pooled, vector, slot, links[i]);
            }

            Span<HnswCandidate> pool = scratch.Pool.AsSpan(0, pooled);
            pool.Sort(default(HnswCandidateOrder));
            RewriteList<TDistance>(slot, record, level, pool, scratch);
        }
        finally
        {
            UnlockNode(record);
        }
    }

    /// <summary>
    /// Adds the back-link <paramref name="node"/> → <paramref name="added"/>; a full list is re-selected
    /// with the heuristic, protected links first. On level 0 the first node to keep a new node's
    /// back-link becomes its parent.
    /// </summary>
    private void ConnectBack<TDistance>(int node, int added, int level, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        byte* record = Record(node);
        int max = _layout.MaxLinks(level);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, level, out int count);
            if (new ReadOnlySpan<int>(links, count).Contains(added))
            {
                return;
            }

            bool kept;
            if (count < max)
            {
                links[count] = added;
                SetLinkCount(record, level, count + 1);
                kept = true;
            }
            else
            {
                byte* vector = Record(node);
                Span<HnswCandidate> pool = scratch.Pool.AsSpan(0, count + 1);
                for (int i = 0; i < count; i++)
                {
                    pool[i] = new HnswCandidate(Dist<TDistance>(vector, Record(links[i])), links[i]);
                }

                pool[count] = new HnswCandidate(Dist<TDistance>(vector, Record(added)), added);
                pool.Sort(default(HnswCandidateOrder));
                kept = RewriteList<TDistance>(node, record, level, pool, scratch, added);
            }

            if (kept && level == 0)
            {
                Interlocked.CompareExchange(ref ParentOf(added), node, -1);
            }
        }
        finally
        {
            UnlockNode(record);
        }
    }

    /// <summary>
    /// Replaces a locked node's list at one layer by the heuristic's choice among <paramref name="pool"/>
    /// (sorted ascending); on level 0 the links to the node's tree children are always kept.
    /// Returns whether <paramref name="watch"/> is in the new list.
    /// </summary>
    private bool RewriteList<TDistance>(int node, byte* record, int level, Span<HnswCandidate> pool, HnswScratch scratch, int watch = -1)
        where TDistance : struct, IDistance
    {
        int max = _layout.MaxLinks(level);
        Span<HnswCandidate> selected = scratch.Selected;
        int protectedCount = 0;
        if (level == 0)
        {
            int rest = 0;
            for (int i = 0; i < pool.Length; i++)
            {
                if (Volatile.Read(ref ParentOf(pool[i].Slot)) == node && protectedCount < max)
                {
                    selected[protectedCount++] = pool[i];
                }
                else
                {
                    pool[rest++] = pool[i];
                }
            }

            pool = pool[..rest];
        }

        int kept = SelectNeighbors<TDistance>(pool, max, selected, protectedCount);
        int* links = LinksOf(record, level, out _);
        bool found = false;
        for (int i = 0; i < kept; i++)
        {
            links[i] = selected[i].Slot;
            found |= selected[i].Slot == watch;
        }

        SetLinkCount(record, level, kept);
        return found;
    }

    /// <summary>
    /// Finds a parent for a node nobody kept a back-link to: its neighbours first, then outward
    /// breadth-first (a list made only of tree links cannot take another).
    /// </summary>
    private void AdoptByNeighbor<TDistance>(int slot, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int count = CopyLinks(slot, 0, scratch.RepairLinks);
        var queue = new Queue<int>();
        var seen = new HashSet<int> { slot };
        for (int i = 0; i < count; i++)
        {
            if (seen.Add(scratch.RepairLinks[i]))
            {
                queue.Enqueue(scratch.RepairLinks[i]);
            }
        }

        while (queue.Count > 0 && seen.Count < 100_000)
        {
            int host = queue.Dequeue();
            if (FlagsOf(Record(host)) == 0 && ForceLink<TDistance>(host, slot, adopt: true))
            {
                return;
            }

            int hostCount = CopyLinks(host, 0, scratch.RepairLinks);
            for (int i = 0; i < hostCount; i++)
            {
                if (seen.Add(scratch.RepairLinks[i]))
                {
                    queue.Enqueue(scratch.RepairLinks[i]);
                }
            }
        }
    }

    /// <summary>
    /// Adds host → target on level 0, evicting the host's farthest unprotected link when full.
    /// With <paramref name="adopt"/>, the host becomes the target's parent. Returns whether the link is in place.
    /// </summary>
    private bool ForceLink<TDistance>(int host, int target, bool adopt)
        where TDistance : struct, IDistance
    {
        if (host == target)
        {
            return false;
        }

        byte* record = Record(host);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, 0, out int count);
            bool present = new ReadOnlySpan<int>(links, count).Contains(target);
            if (!present && count < _layout.MaxLinks0)
            {
                links[count] = target;
                SetLinkCount(record, 0, count + 1);
                present = true;
            }
            else if (!present)
            {
                byte* hostVector = Record(host);
                int worst = -1;
                float worstDistance = float.NegativeInfinity;
                for (int i = 0; i < count; i++)
                {
                    if (Volatile.Read(ref ParentOf(links[i])) == host)
                    {
                        continue;
                    }

                    float d = Dist<TDistance>(hostVector, Record(links[i]));
                    if (d > worstDistance)
                    {
                        worst = i;
                        worstDistance = d;
                    }
                }

                if (worst >= 0)
                {
                    links[worst] = target;
                    present = true;
                }
            }

            if (present && adopt)
            {
                Volatile.Write(ref ParentOf(target), host);
            }

            return present;
        }
        finally
        {
            UnlockNode(record);
        }
    }

    /// <summary>
    /// Makes a new entry point the root of the spanning tree: it adopts the old root, and its own
    /// parent link is released. Caller holds the entry lock.
    /// </summary>
    private void Reroot<TDistance>(int newRoot, int oldRoot)
        where TDistance : struct, IDistance
    {
        ForceLink<TDistance>(newRoot, oldRoot, adopt: true);
        Volatile.Write(ref ParentOf(newRoot), -1);
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
