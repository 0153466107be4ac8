using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Indexing;

/// <summary>
/// Maps item ids to storage slots. Ids that are small compared with the number of items (the collection hands out
/// ids 0, 1, 2, …) live in a direct array, one 4-byte load per lookup; any other id (negative, or far beyond the
/// items held) lives in a dictionary. The re-rank looks up hundreds of ids per query in indexes of 10⁵–10⁶ items,
/// where a dictionary's bucket-then-entry walk costs two dependent cache misses and the direct array costs one.
/// </summary>
/// <remarks>
/// An id is held in exactly one of the two parts: the direct array covers [0, its length), and when it grows the
/// dictionary's ids that now fall inside are moved into it. Not thread-safe: the owning index synchronises.
/// </remarks>
internal sealed class IdSlotMap
{
    /// <summary>The direct array may span up to this many ids per item held (plus <see cref="MinDenseIds"/>).</summary>
    private const int MaxIdsPerItem = 4;
    private const int MinDenseIds = 1024;

    // slot + 1, so that a zeroed entry means "absent".
    private int[] _dense;
    private Dictionary<int, int>? _sparse;

    /// <summary>Creates a map sized for about <paramref name="capacity"/> items with ids 0 … capacity − 1.</summary>
    public IdSlotMap(int capacity = 0)
    {
        _dense = new int[Math.Clamp(capacity, 0, Array.MaxLength)];
    }

    /// <summary>The number of ids held.</summary>
    public int Count { get; private set; }

    /// <summary>The slot of <paramref name="id"/>, when it is held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(int id, out int slot)
    {
        var dense = _dense;
        if ((uint)id < (uint)dense.Length)
        {
            slot = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dense), id) - 1;
            return slot >= 0;
        }

        slot = -1;
        return _sparse is not null && _sparse.TryGetValue(id, out slot);
    }

    /// <summary>Whether <paramref name="id"/> is held.</summary>
    public bool ContainsKey(int id) => TryGetValue(id, out _);

    /// <summary>Sets the slot of <paramref name="id"/>, adding the id when it is not held.</summary>
    public void Set(int id, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if ((uint)id >= (uint)_dense.Length && id >= 0 && id < DenseLimit(Count + 1))
        {
            GrowDense(id);
        }

        if ((uint)id < (uint)_dense.Length)
        {
            Count += _dense[id] == 0 ? 1 : 0;
            _dense[id] = slot + 1;
            return;
        }

        _sparse ??= [];
        if (_sparse.TryAdd(id, slot))
        {
            Count++;
        }
        else
        {
            _sparse[id] = slot;
        }
    }

    /// <summary>Removes <paramref name="id"/>; returns its slot, or false when it was not held.</summary>
    public bool Remove(int id, out int slot)
    {
        if ((uint)id < (uint)_dense.Length)
        {
            slot = _dense[id] - 1;
            if (slot < 0)
            {
                return false;
            }

            _dense[id] = 0;
            Count--;
            return true;
        }

        slot = -1;
        if (_sparse is null || !_sparse.Remove(id, out slot))
        {
            return false;
        }

        Count--;
        return true;
    }

    private static int DenseLimit(int items) => (int)Math.Min(Array.MaxLength, ((long)items * MaxIdsPerItem) + MinDenseIds);

    private void GrowDense(int id)
    {
        int length = (int)Math.Min(DenseLimit(Count + 1), Math.Max((long)id + 1, (long)_dense.Length * 2));
        Array.Resize(ref _dense, length);
        if (_sparse is null || _sparse.Count == 0)
        {
            return;
        }

        // Keep every id in one part only: move the dictionary's ids that the array now covers.
        foreach (var (sparseId, sparseSlot) in _sparse.ToArray())
        {
            if ((uint)sparseId < (uint)length)
            {
                _sparse.Remove(sparseId);
                _dense[sparseId] = sparseSlot + 1;
            }
        }
    }
}
