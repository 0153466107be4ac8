using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

public sealed unsafe partial class HnswIndex
{
    /// <summary>Adds a vector under a new id.</summary>
    /// <param name="id">A non-negative id not already present.</param>
    /// <param name="vector">The vector, of length <see cref="Dimension"/>, all components finite; normalised for cosine.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is negative.</exception>
    /// <exception cref="ArgumentException">Wrong dimension, a non-finite component, or the id is already present. The index is unchanged.</exception>
    /// <exception cref="NotSupportedException">The index is opened read-only.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe: several threads may add while others search or remove.</remarks>
    public void Add(int id, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ValidateVector(vector, nameof(vector));
        ThrowIfDisposed();
        ThrowIfReadOnly();
        EnsureQuantizer(vector);
        AddCore(id, vector);
    }

    /// <summary>Adds many vectors, in parallel when <paramref name="threads"/> &gt; 1.</summary>
    /// <param name="ids">The new ids: non-negative, distinct, none already present.</param>
    /// <param name="vectors">The vectors, row after row: <c>ids.Count × Dimension</c> floats, all finite.</param>
    /// <param name="threads">Worker threads; 1 gives the reproducible single-threaded build.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1, or an id is negative.</exception>
    /// <exception cref="ArgumentException">The sizes disagree, a component is not finite, or an id is repeated or present. Checked before anything is added: the index is unchanged.</exception>
    /// <exception cref="NotSupportedException">The index is opened read-only.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    /// <remarks>Thread-safe. With several threads the graph depends on scheduling and is not reproducible.</remarks>
    public void AddRange(IReadOnlyList<int> ids, ReadOnlyMemory<float> vectors, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ThrowIfDisposed();
        ThrowIfReadOnly();
        if ((long)ids.Count * _dimension != vectors.Length)
        {
            throw new ArgumentException($"{ids.Count} ids need {(long)ids.Count * _dimension} floats; got {vectors.Length}.", nameof(vectors));
        }

        var seen = new HashSet<int>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            int id = ids[i];
            ArgumentOutOfRangeException.ThrowIfNegative(id);
            if (!seen.Add(id) || Contains(id))
            {
                throw new ArgumentException($"The id {id} is repeated or already present.", nameof(ids));
            }

            ValidateVector(vectors.Span.Slice(i * _dimension, _dimension), nameof(vectors));
        }

        if (!vectors.IsEmpty)
        {
            EnsureQuantizer(vectors.Span[..Math.Min(vectors.Length, 16_384 * _dimension)]);
        }

        if (threads == 1)
        {
            for (int i = 0; i < ids.Count; i++)
            {
                AddCore(ids[i], vectors.Span.Slice(i * _dimension, _dimension));
            }

            return;
        }

        int next = -1;
        var workers = new Thread[threads];
        Exception? failure = null;
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                try
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < ids.Count)
                    {
                        AddCore(ids[i], vectors.Span.Slice(i * _dimension, _dimension));
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        if (failure is not null)
        {
            throw new AggregateException(failure);
        }
    }

    private void AddCore(int id, ReadOnlySpan<float> vector)
    {
        HnswScratch scratch = RentScratch();
        PrepareQuery(vector, scratch.Vector);
        int level = -1;
        int slot;
        while (true)
        {
            _structure.EnterReadLock();
            if (_disposed)
            {
                _structure.ExitReadLock();
                ThrowIfDisposed();
            }

            bool reserved;
            lock (_allocLock)
            {
                EnsureDerivedStateLocked();
                if (_idToSlot!.ContainsKey(id))
                {
                    _structure.ExitReadLock();
                    throw new ArgumentException($"The id {id} is already present.", nameof(id));
                }

                if (level < 0)
                {
                    level = DrawLevel();
                }

                reserved = TryReserveSlot(id, level, out slot);
            }

            if (reserved)
            {
                break;
            }

            _structure.ExitReadLock();
            Grow(level);
        }

        try
        {
            switch (_metric)
            {
                case DistanceMetric.L2:
                    Insert<L2Distance>(slot, level, scratch);
                    break;
                case DistanceMetric.DotProduct:
                    Insert<DotDistance>(slot, level, scratch);
                    break;
                default:
                    Insert<CosineDistance>(slot, level, scratch);
                    break;
            }
        }
        finally
        {
            _structure.ExitReadLock();
        }
    }

    /// <summary>SplitMix64 → uniform (0, 1] → ⌊−ln(u)·mL⌋ with mL = 1/ln(M).</summary>
    private int DrawLevel()
    {
        ulong z = _rngState += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        double u = ((z >> 11) + 1) * (1.0 / 9007199254740992.0);
        return (int)Math.Min(HnswGraphLayout.MaxLevel, Math.Floor(-Math.Log(u) * _levelMultiplier));
    }

    /// <summary>Takes a free slot (or the next new one) and its upper-layer space; caller holds the read and alloc locks.</summary>
    private bool TryReserveSlot(int id, int level, out int slot)
    {
        slot = -1;
        int upperOffset = -1;
        int reused = _freeSlots!.Count > 0 ? _freeSlots.Peek() : -1;
        if (reused < 0 && _slotCount >= _capacity)
        {
            return false;
        }

        if (level > 0)
        {
            byte* old = reused >= 0 ? Record(reused) : null;
            if (old != null && LevelOf(old) >= level && *(int*)(old + HnswGraphLayout.UpperOffsetOffset) >= 0)
            {
                upperOffset = *(int*)(old + HnswGraphLayout.UpperOffsetOffset);
            }
            else
            {
                long needed = (long)level * _layout.UpperListInts;
                if (_upperUsed + needed > _memory.UpperInts)
                {
                    return false;
                }

                upperOffset = checked((int)_upperUsed);
                _upperUsed += needed;
            }
        }

        if (reused >= 0)
        {
            slot = _freeSlots.Pop();
            _freedCount--;
        }
        else
        {
            slot = _slotCount;
        }

        byte* record = Record(slot);
        uint version = *(uint*)record;
        new Span<byte>(record, _stride).Clear();
        *(uint*)record = version;
        record[HnswGraphLayout.LevelOffset] = (byte)level;
        *(int*)(record + HnswGraphLayout.IdOffset) = id;
        *(int*)(record + HnswGraphLayout.UpperOffsetOffset) = upperOffset;
        if (level > 0)
        {
            new Span<int>(_upper + upperOffset, level * _layout.UpperListInts).Clear();
        }

        *(int*)(record + HnswGraphLayout.ParentOffset) = -1;
        _idToSlot!.Set(id, slot);
        _liveCount++;
        if (slot == _slotCount)
        {
            Volatile.Write(ref _slotCount, _slotCount + 1);
        }

        return true;
    }

    /// <summary>Doubles the record block (and the upper region when needed) under the exclusive lock.</summary>
    private void Grow(int level)
    {
        ThrowIfReadOnly();
        _structure.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            long level0 = _memory.Level0Bytes;
            if (_slotCount >= _capacity)
            {
                level0 = (long)Math.Max(_capacity * 2L, _capacity + 1) * _stride;
            }

            long upper = _memory.UpperInts;
            long needed = _upperUsed + ((long)level * _layout.UpperListInts);
            if (needed > upper)
            {
                upper = Math.Max(upper * 2, needed);
            }

            _memory.Resize(level0, upper);
            RefreshPointers();
        }
        finally
        {
            _structure.ExitWriteLock();
        }
    }

    /// <summary>Links a reserved, initialised slot into every layer up to its level; caller holds the read lock.</summary>
    private void Insert<TDistance>(int slot, int level, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        byte* vector = Record(slot);
        WriteVector(vector, scratch.Vector);

        (int entry, int maxLevel) = UnpackEntry(Volatile.Read(ref _entryState));
        bool holdsEntryLock = false;
        if (level > maxLevel)
        {
            _entryLock.Enter();
            holdsEntryLock = true;
            (entry, maxLevel) = UnpackEntry(Volatile.Read(ref _entryState));
            if (entry < 0)
            {
                Volatile.Write(ref _entryState, PackEntry(slot, level));
                _entryLock.Exit();
                return;
            }

            if (level <= maxLevel)
            {
                _entryLock.Exit();
                holdsEntryLock = false;
            }
        }

        try
        {
            int ep = entry;
            float epDistance = Dist<TDistance>(vector, Record(ep));
            // Above the node's own level, a beam of M rather than the textbook greedy step: on clustered
            // data the sparse upper layers have local minima, a greedy descent can end in the wrong
            // cluster, the level-0 search then links the node only to far nodes, and nothing near it
            // ever links to it (it stays reachable by its tree link but a search for it cannot find it).
            for (int l = maxLevel; l > level; l--)
            {
                SearchLayer<TDistance, HnswAcceptAll>(vector, ep, epDistance, _layout.M, l, scratch, default);
                HnswCandidate best = scratch.Results.SortAscending()[0];
                scratch.Results.Clear();
                ep = best.Slot;
                epDistance = best.Distance;
            }

            // Three phases, so that the node becomes reachable only once all of its own lists exist:
            // (1) search every layer top-down and keep each layer's choice; (2) write the node's own
            // lists (nobody links to it yet, so no search can enter it); (3) add the back-links,
            // level 0 first. Linking a layer before searching the ones below (the textbook order)
            // lets a concurrent insert descend onto this node while its level-0 list is still empty,
            // start its own level-0 search there, see only this node and the other inserts stuck
            // with it, and link into that island for good.
            int top = Math.Min(level, maxLevel);
            int m = _layout.M;
            Span<HnswCandidate> chosen = scratch.LayerChoices(top + 1, m);
            Span<int> chosenCounts = scratch.LayerChoiceCounts(top + 1);
            for (int l = top; l >= 0; l--)
            {
                SearchLayer<TDistance, HnswAcceptAll>(vector, ep, epDistance, _options.EfConstruction, l, scratch, default);
                Span<HnswCandidate> found = scratch.Results.SortAscending();
                ep = found[0].Slot;
                epDistance = found[0].Distance;
                int selected = SelectForNewNode<TDistance>(found, m, scratch);
                scratch.Results.Clear();
                scratch.Chosen.AsSpan(0, selected).CopyTo(chosen.Slice(l * m, m));
                chosenCounts[l] = selected;
            }

            for (int l = 0; l <= top; l++)
            {
                SetOwnLinks<TDistance>(slot, l, chosen.Slice(l * m, chosenCounts[l]), scratch);
            }

            for (int l = 0; l <= top; l++)
            {
                for (int i = 0; i < chosenCounts[l]; i++)
                {
                    ConnectBack<TDistance>(chosen[(l * m) + i].Slot, slot, l, scratch);
                }
            }

            if (holdsEntryLock)
            {
                Reroot<TDistance>(slot, entry);
                Volatile.Write(ref _entryState, PackEntry(slot, level));
            }
        }
        finally
        {
            if (holdsEntryLock)
            {
                _entryLock.Exit();
            }
        }

        if (!holdsEntryLock && Volatile.Read(ref ParentOf(slot)) < 0)
        {
            AdoptByNeighbor<TDistance>(slot, scratch);
        }
    }

    /// <summary>Chooses a new node's neighbours among the search results, preferring live nodes.</summary>
    private int SelectForNewNode<TDistance>(Span<HnswCandidate> found, int m, HnswScratch scratch)
        where TDistance : struct, IDistance
    {
        int live = 0;
        for (int i = 0; i < found.Length; i++)
        {
            if (FlagsOf(Record(found[i].Slot)) == 0)
            {
                found[live++] = found[i];
            }
        }

        if (live > 0)
        {
            found = found[..live];
        }

        return SelectNeighbors<TDistance>(found, m, scratch.Chosen);
    }
}
