namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>Removes the item with this key, if there is one.</summary>
    /// <param name="key">The item's key.</param>
    /// <returns><see langword="true"/> when an item was removed, <see langword="false"/> when there was none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The collection is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    /// <remarks>Durable when the call returns for a collection in a directory; invisible to searches at once.</remarks>
    public bool Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var write = WriteScope();
        ThrowIfReadOnly();
        if (!_keys.TryGetId(key, out int id))
        {
            return false;
        }

        PersistDelete(key);
        RemoveCore(key, id);
        return true;
    }

    /// <summary>Removes every trace of an item version; the caller holds the write lock.</summary>
    private void RemoveCore(string key, int id)
    {
        foreach (var index in _indexes.Values)
        {
            if (index.Contains(id))
            {
                index.Remove(id);
            }
        }

        if (_joint is not null && _joint.Contains(id))
        {
            _joint.Remove(id);
        }

        _attributes.Clear(id);
        _keys.Retire(key, id);
    }
}
