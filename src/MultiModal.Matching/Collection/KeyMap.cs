namespace MultiModal.Matching.Collection;

/// <summary>
/// String keys ↔ dense internal ids. An upsert of an existing key gets a fresh id (the old one is retired),
/// so an id always names one version of one item and indexes never see an id reused.
/// Not thread-safe by itself: written under the collection's write lock, read under its read lock.
/// </summary>
internal sealed class KeyMap
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string?> _keys = [];

    /// <summary>Live keys.</summary>
    public int Count => _ids.Count;

    /// <summary>One past the largest id ever assigned.</summary>
    public int IdRange => _keys.Count;

    public bool IsLive(int id) => (uint)id < (uint)_keys.Count && _keys[id] is not null;

    public string KeyOf(int id) => _keys[id] ?? throw new InvalidOperationException($"Internal id {id} is not live.");

    public bool TryGetId(string key, out int id) => _ids.TryGetValue(key, out id);

    /// <summary>Assigns the next id to a key that is not live.</summary>
    public int Assign(string key)
    {
        int id = _keys.Count;
        _ids.Add(key, id);
        _keys.Add(key);
        return id;
    }

    /// <summary>Gives a key that is not live the id the store allocated (ids skipped over stay retired).</summary>
    public void Assign(string key, int id)
    {
        if (id < _keys.Count)
        {
            throw new InvalidOperationException($"The store allocated id {id}, below the next free id {_keys.Count}; the collection and its store disagree.");
        }

        Restore(key, id);
    }

    /// <summary>Marks ids below <paramref name="range"/> as allocated (retired unless restored).</summary>
    public void Reserve(int range)
    {
        while (_keys.Count < range)
        {
            _keys.Add(null);
        }
    }

    /// <summary>Re-establishes an id read back from storage (ids beyond the range leave retired gaps).</summary>
    public void Restore(string key, int id)
    {
        while (_keys.Count <= id)
        {
            _keys.Add(null);
        }

        _keys[id] = key;
        _ids.Add(key, id);
    }

    /// <summary>Retires a live key's id.</summary>
    public void Retire(string key, int id)
    {
        _ids.Remove(key);
        _keys[id] = null;
    }

    public List<string> SnapshotKeys() => [.. _ids.Keys];
}
