using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    /// <summary>
    /// Removes an item: its node becomes a tombstone (never returned, still traversed) and every
    /// neighbour that linked to it gets the best of its links instead. Compacts when tombstones
    /// pass <see cref="HnswOptions.CompactionThreshold"/>.
    /// </summary>
    /// <param name="id">The id of a live item.</param>
    /// <exception cref="KeyNotFoundException">No live item has this id; the index is unchanged.</exception>
    /// <exception cref="NotSupportedException">The index is opened read-only.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe.</remarks>
    public void Remove(int id)
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        bool compact;
        _structure.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            int slot;
            lock (_allocLock)
            {
                EnsureDerivedStateLocked();
                if (!_idToSlot!.Remove(id, out slot))
                {
                    throw new KeyNotFoundException($"No live item has the id {id}.");
                }

                _liveCount--;
                _tombstoneCount++;
                compact = _tombstoneCount > _options.CompactionThreshold * (_slotCount - _freedCount);
            }

            byte* record = Record(slot);
            LockNode(record);
            Volatile.Write(ref record[HnswGraphLayout.FlagsOffset], HnswGraphLayout.FlagTombstone);
            UnlockNode(record);
            HnswScratch scratch = RentScratch();
            switch (_metric)
            {
                case DistanceMetric.L2:
                    RepairAround<L2Distance>(slot, scratch);
                    break;
                case DistanceMetric.DotProduct:
                    RepairAround<DotDistance>(slot, scratch);
                    break;
                default:
                    RepairAround<CosineDistance>(slot, scratch);
                    break;
            }
        }
        finally
        {
            _structure.ExitReadLock();
        }

        if (compact)
        {
            Compact();
        }
    }

    /// <summary>Whether a live item has this id. Thread-safe.</summary>
    /// <param name="id">An id.</param>
    /// <returns><see langword="true"/> when present and not removed.</returns>
    public bool Contains(int id)
    {
        ThrowIfDisposed();
        lock (_allocLock)
        {
            EnsureDerivedStateLocked();
            return _idToSlot!.ContainsKey(id);
        }
    }

    /// <summary>Copies an item's stored vector (unit length for cosine). Thread-safe.</summary>
    /// <param name="id">An id.</param>
    /// <param name="destination">At least <see cref="Dimension"/> long.</param>
    /// <returns><see langword="false"/> when no live item has this id.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Dimension"/>.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public bool TryGetVector(int id, Span<float> destination)
    {
        if (destination.Length < _dimension)
        {
            throw new ArgumentException($"The destination must hold {_dimension} floats.", nameof(destination));
        }

        _structure.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            int slot;
            lock (_allocLock)
            {
                EnsureDerivedStateLocked();
                if (!_idToSlot!.TryGetValue(id, out slot))
                {
                    return false;
                }
            }

            new ReadOnlySpan<float>(VectorOf(slot), _dimension).CopyTo(destination);
            return true;
        }
        finally
        {
            _structure.ExitReadLock();
        }
    }

    /// <summary>For each neighbour that links to the removed node, replaces that link by the removed node's link closest to the neighbour.</summary>
    private void RepairAround<TDistance>(int removed, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int[] around = scratch.RepairLinks;
        int top = LevelOf(Record(removed));
        for (int level = 0; level <= top; level++)
        {
            int count = CopyLinks(removed, level, around);
            for (int i = 0; i < count; i++)
            {
                int node = around[i];
                if (node != removed && FlagsOf(Record(node)) == 0)
                {
                    ReplaceLink<TDistance>(node, removed, level, around.AsSpan(0, count));
                }
            }
        }
    }

    /// <summary>In a node's list at one layer, swaps <paramref name="removed"/> for the closest live replacement not yet linked.</summary>
    private void ReplaceLink<TDistance>(int node, int removed, int level, ReadOnlySpan<int> replacements)
        where TDistance : struct, IDistance
    {
        byte* record = Record(node);
        LockNode(record);
        try
        {
            int* links = LinksOf(record, level, out int count);
            int position = new ReadOnlySpan<int>(links, count).IndexOf(removed);
            if (position < 0 || (level == 0 && Volatile.Read(ref ParentOf(removed)) == node))
            {
                // Absent, or the tree link that keeps the removed node's subtree reachable until compaction.
                return;
            }

            byte* vector = Record(node);
            int best = -1;
            float bestDistance = float.PositiveInfinity;
            foreach (int candidate in replacements)
            {
                if (candidate == node || FlagsOf(Record(candidate)) != 0 || new ReadOnlySpan<int>(links, count).Contains(candidate))
                {
                    continue;
                }

                float d = Dist<TDistance>(vector, Record(candidate));
                if (d < bestDistance)
                {
                    best = candidate;
                    bestDistance = d;
                }
            }

            if (best >= 0)
            {
                links[position] = best;
            }
            else
            {
                links[position] = links[count - 1];
                SetLinkCount(record, level, count - 1);
            }
        }
        finally
        {
            UnlockNode(record);
        }
    }

    /// <summary>Builds the id map and the free-slot stack from the records, once (after a reopen).</summary>
    private void EnsureDerivedStateLocked()
    {
        if (_idToSlot is not null)
        {
            return;
        }

        var map = new IdSlotMap(_liveCount);
        var free = new Stack<int>();
        for (int slot = _slotCount - 1; slot >= 0; slot--)
        {
            byte* record = Record(slot);
            byte flags = FlagsOf(record);
            if ((flags & HnswGraphLayout.FlagFreed) != 0)
            {
                free.Push(slot);
                continue;
            }

            if (flags == 0)
            {
                map.Set(IdOf(record), slot);
            }
        }

        _freeSlots = free;
        _idToSlot = map;
    }
}
