using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    /// <summary>
    /// Reclaims the slots of removed items: every list that still links to a tombstone is rebuilt
    /// (its live links plus the tombstone's live links, re-selected with the heuristic), the
    /// tombstones' slots are freed for reuse, the entry point moves to a live node if needed, and
    /// any live node left unreachable is linked back in.
    /// </summary>
    /// <exception cref="NotSupportedException">The index is opened read-only.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe; blocks searches and writers while it runs (O(n·M) work).</remarks>
    public void Compact()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        _structure.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            if (_tombstoneCount == 0)
            {
                return;
            }

            lock (_allocLock)
            {
                EnsureDerivedStateLocked();
            }

            HnswScratch scratch = RentScratch();
            switch (_metric)
            {
                case DistanceMetric.L2:
                    CompactCore<L2Distance>(scratch);
                    break;
                case DistanceMetric.DotProduct:
                    CompactCore<DotDistance>(scratch);
                    break;
                default:
                    CompactCore<CosineDistance>(scratch);
                    break;
            }
        }
        finally
        {
            _structure.ExitWriteLock();
        }
    }

    private void CompactCore<TDistance>(HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int slotCount = _slotCount;
        for (int slot = 0; slot < slotCount; slot++)
        {
            byte* record = Record(slot);
            if (FlagsOf(record) != 0)
            {
                continue;
            }

            for (int level = LevelOf(record); level >= 0; level--)
            {
                RebuildAroundTombstones<TDistance>(slot, record, level, scratch);
            }
        }

        for (int slot = 0; slot < slotCount; slot++)
        {
            byte* record = Record(slot);
            if (FlagsOf(record) != HnswGraphLayout.FlagTombstone)
            {
                continue;
            }

            record[HnswGraphLayout.FlagsOffset] = HnswGraphLayout.FlagFreed;
            for (int level = LevelOf(record); level >= 0; level--)
            {
                SetLinkCount(record, level, 0);
            }

            _freeSlots!.Push(slot);
            _freedCount++;
            _tombstoneCount--;
        }

        ChooseEntryPoint();
        ReattachUnreachable<TDistance>(scratch);
    }

    /// <summary>Rebuilds one list when it links to a tombstone: live links plus the tombstones' live links, re-selected.</summary>
    private void RebuildAroundTombstones<TDistance>(int slot, byte* record, int level, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int* links = LinksOf(record, level, out int count);
        bool touched = false;
        for (int i = 0; i < count && !touched; i++)
        {
            touched = FlagsOf(Record(links[i])) != 0;
        }

        if (!touched)
        {
            return;
        }

        byte* vector = Record(slot);
        int pooled = 0;
        for (int i = 0; i < count; i++)
        {
            int target = links[i];
            if (FlagsOf(Record(target)) == 0)
            {
                AddToPool<TDistance>(scratch, ref pooled, vector, slot, target);
                continue;
            }

            int* second = LinksOf(Record(target), level, out int secondCount);
            for (int j = 0; j < secondCount; j++)
            {
                if (FlagsOf(Record(second[j])) == 0)
                {
                    AddToPool<TDistance>(scratch, ref pooled, vector, slot, second[j]);
                }
            }
        }

        Span<HnswCandidate> pool = scratch.Pool.AsSpan(0, pooled);
        pool.Sort(default(HnswCandidateOrder));
        RewriteList<TDistance>(slot, record, level, pool, scratch);
    }

    private void AddToPool<TDistance>(HnswScratch scratch, ref int pooled, byte* vector, int self, int target)
        where TDistance : struct, IDistance
    {
        if (target == self)
        {
            return;
        }

        for (int i = 0; i < pooled; i++)
        {
            if (scratch.Pool[i].Slot == target)
            {
                return;
            }
        }

        if (pooled == scratch.Pool.Length)
        {
            HnswCandidate[] grown = scratch.Pool;
            Array.Resize(ref grown, grown.Length * 2);
            scratch.Pool = grown;
        }

        scratch.Pool[pooled++] = new HnswCandidate(Dist<TDistance>(vector, Record(target)), target);
    }

    /// <summary>Keeps the entry point when it is live, otherwise picks the live node of highest level (lowest slot on ties).</summary>
    private void ChooseEntryPoint()
    {
        (int entry, _) = UnpackEntry(_entryState);
        if (entry >= 0 && FlagsOf(Record(entry)) == 0)
        {
            return;
        }

        int best = -1;
        int bestLevel = -1;
        for (int slot = 0; slot < _slotCount; slot++)
        {
            byte* record = Record(slot);
            if (FlagsOf(record) == 0 && LevelOf(record) > bestLevel)
            {
                best = slot;
                bestLevel = LevelOf(record);
            }
        }

        _entryState = PackEntry(best, bestLevel);
    }

    /// <summary>
    /// Rebuilds the level-0 spanning tree from the entry point (parents = search-tree predecessors)
    /// and links every live node it does not reach from its nearest reached node, which adopts it.
    /// </summary>
    private void ReattachUnreachable<TDistance>(HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        for (int slot = 0; slot < _slotCount; slot++)
        {
            ParentOf(slot) = -1;
        }

        (int entry, _) = UnpackEntry(_entryState);
        if (entry < 0)
        {
            return;
        }

        var reached = new bool[_slotCount];
        var stack = new Stack<int>();
        MarkReachable(entry, reached, stack);
        for (int slot = 0; slot < _slotCount; slot++)
        {
            if (reached[slot] || FlagsOf(Record(slot)) != 0)
            {
                continue;
            }

            byte* vector = Record(slot);
            float entryDistance = Dist<TDistance>(vector, Record(entry));
            SearchLayer<TDistance, HnswAcceptLive>(vector, entry, entryDistance, Math.Max(_options.EfConstruction, 2 * _layout.MaxLinks0), 0, scratch, default);
            Span<HnswCandidate> found = scratch.Results.SortAscending();
            bool linked = false;
            for (int i = 0; i < found.Length && !linked; i++)
            {
                linked = reached[found[i].Slot] && ForceLink<TDistance>(found[i].Slot, slot, adopt: true);
            }

            if (!linked)
            {
                ForceLink<TDistance>(entry, slot, adopt: true);
            }

            if (LinkCountOf(slot) == 0 && found.Length > 1)
            {
                // An isolated node also needs a way out.
                ForceLink<TDistance>(slot, found[0].Slot == slot ? found[1].Slot : found[0].Slot, adopt: false);
            }

            scratch.Results.Clear();
            MarkReachable(slot, reached, stack);
        }
    }

    private int LinkCountOf(int slot)
    {
        LinksOf(Record(slot), 0, out int count);
        return count;
    }

    private void MarkReachable(int start, bool[] reached, Stack<int> stack)
    {
        if (reached[start])
        {
            return;
        }

        reached[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
        {
            int slot = stack.Pop();
            int* links = LinksOf(Record(slot), 0, out int count);
            for (int i = 0; i < count; i++)
            {
                int target = links[i];
                if (!reached[target])
                {
                    reached[target] = true;
                    ParentOf(target) = slot;
                    stack.Push(target);
                }
            }
        }
    }
}
