using MultiModal.Matching.Attributes;

namespace MultiModal.Matching.Storage;

/// <content>Reads: key ↔ id, liveness, vectors, attributes. Safe on any thread, concurrently with the writer.</content>
internal sealed partial class CollectionStore
{
    /// <summary>Finds the internal id of the live item with <paramref name="key"/>.</summary>
    /// <param name="key">An external key.</param>
    /// <param name="id">The id, or −1.</param>
    /// <returns><see langword="true"/> when a live item has the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="CorruptIndexException">The mapped key index is damaged.</exception>
    public bool TryGetId(string key, out int id)
    {
        ArgumentNullException.ThrowIfNull(key);
        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            id = FindLive(key);
            return id >= 0;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>The key of an id (deleted ids keep their key).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not below <see cref="RowCount"/>.</exception>
    public string GetKey(int id)
    {
        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            CheckId(id);
            return id < _base.RowCount ? _base.Items.GetKey(id) : _deltaKeys[id - _base.RowCount];
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>Whether <paramref name="id"/> is allocated and not deleted.</summary>
    public bool IsLive(int id)
    {
        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            return (uint)id < (uint)_rowCount && !IsDeletedCore(id);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>Whether item <paramref name="id"/> has a vector in space <paramref name="space"/> (deleted items keep theirs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The space or id is out of range.</exception>
    public bool HasVector(int space, int id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)space, (uint)Spaces.Count, nameof(space));
        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            CheckId(id);
            return id < _base.RowCount ? _base.Spaces[space].HasVector(id) : _deltaRows[space].Has(id - _base.RowCount);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>Copies the vector of item <paramref name="id"/> in space <paramref name="space"/>.</summary>
    /// <param name="space">A space index.</param>
    /// <param name="id">An id below <see cref="RowCount"/>.</param>
    /// <param name="destination">At least the space's dimension long.</param>
    /// <returns><see langword="false"/> (destination untouched) when the item has no vector in the space.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The space or id is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public bool TryCopyVector(int space, int id, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)space, (uint)Spaces.Count, nameof(space));
        if (destination.Length < Spaces[space].Dimension)
        {
            throw new ArgumentException($"The destination needs {Spaces[space].Dimension} elements.", nameof(destination));
        }

        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            CheckId(id);
            if (id < _base.RowCount)
            {
                SpaceSegment segment = _base.Spaces[space];
                if (!segment.HasVector(id))
                {
                    return false;
                }

                segment.GetRow(id).CopyTo(destination);
                return true;
            }

            DeltaRows rows = _deltaRows[space];
            if (!rows.Has(id - _base.RowCount))
            {
                return false;
            }

            rows.Get(id - _base.RowCount).CopyTo(destination);
            return true;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>The attributes stored with item <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not below <see cref="RowCount"/>.</exception>
    /// <exception cref="CorruptIndexException">The mapped attribute region is damaged.</exception>
    public IReadOnlyList<KeyValuePair<string, AttributeValue>> GetAttributes(int id)
    {
        _rw.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            CheckId(id);
            if (id < _base.RowCount)
            {
                return _base.Items.GetAttributes(id);
            }

            var reader = new SpanReader(_deltaAttributes[id - _base.RowCount], Directory, "attributes");
            return AttributeCodec.Decode(ref reader);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    /// <summary>
    /// The mapped segment of a space in the current checkpoint (rows 0 .. <see cref="CheckpointedRowCount"/> − 1),
    /// for an index that searches the mapping in place. Valid until the next checkpoint (read-write) or dispose.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The space is out of range.</exception>
    public SpaceSegment GetCheckpointedSpace(int space)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)space, (uint)Spaces.Count, nameof(space));
        ThrowIfDisposed();
        return _base.Spaces[space];
    }

    private void CheckId(int id)
    {
        if ((uint)id >= (uint)_rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids are 0 to {_rowCount - 1}.");
        }
    }

    private bool IsDeletedCore(int id) =>
        _tombstones is null ? _base.Items.IsDeleted(id) : (_tombstones[id >> 6] & (1UL << (id & 63))) != 0;

    private int FindLive(string key)
    {
        if (_keyOverrides.TryGetValue(key, out int id))
        {
            return id;
        }

        int byteCount = System.Text.Encoding.UTF8.GetByteCount(key);
        if (byteCount is 0 or > StorageFormat.MaxKeyBytes)
        {
            return -1;
        }

        Span<byte> utf8 = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        System.Text.Encoding.UTF8.GetBytes(key, utf8);
        id = _base.Items.FindLive(utf8, ItemsSegment.KeyHash(utf8));
        return id >= 0 && !IsDeletedCore(id) ? id : -1;
    }
}
