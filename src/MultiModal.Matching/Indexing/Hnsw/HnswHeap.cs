using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>A (distance, slot) pair in the search heaps.</summary>
internal struct HnswCandidate
{
    public float Distance;
    public int Slot;

    public HnswCandidate(float distance, int slot)
    {
        Distance = distance;
        Slot = slot;
    }
}

/// <summary>
/// A binary heap over a pooled array, min-first (<see cref="IsMax"/> false: the search frontier) or
/// max-first (<see cref="IsMax"/> true: the bounded result set). Ties are broken by slot so that the
/// order is deterministic.
/// </summary>
internal sealed class HnswHeap
{
    private HnswCandidate[] _items;

    public HnswHeap(bool isMax, int capacity)
    {
        IsMax = isMax;
        _items = new HnswCandidate[Math.Max(capacity, 16)];
    }

    public bool IsMax { get; }

    public int Count { get; private set; }

    public HnswCandidate Top => _items[0];

    public Span<HnswCandidate> Items => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Restores the heap order after the items' distances were changed in place.</summary>
    public void Heapify()
    {
        int count = Count;
        Count = 0;
        for (int i = 0; i < count; i++)
        {
            HnswCandidate item = _items[i];
            Push(item.Distance, item.Slot);
        }
    }

    public void Push(float distance, int slot)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        HnswCandidate[] items = _items;
        int i = Count++;
        var item = new HnswCandidate(distance, slot);
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(item, items[parent]))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = item;
    }

    public HnswCandidate Pop()
    {
        HnswCandidate[] items = _items;
        HnswCandidate top = items[0];
        int count = --Count;
        if (count > 0)
        {
            HnswCandidate last = items[count];
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && Before(items[child + 1], items[child]))
                {
                    child++;
                }

                if (!Before(items[child], last))
                {
                    break;
                }

                items[i] = items[child];
                i = child;
            }

            items[i] = last;
        }

        return top;
    }

    /// <summary>Sorts the items ascending by (distance, slot) in place; the heap is left empty-ordered, so call <see cref="Clear"/> before reuse.</summary>
    public Span<HnswCandidate> SortAscending()
    {
        Span<HnswCandidate> span = Items;
        span.Sort(default(HnswCandidateOrder));
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(in HnswCandidate a, in HnswCandidate b)
    {
        if (a.Distance != b.Distance)
        {
            return IsMax ? a.Distance > b.Distance : a.Distance < b.Distance;
        }

        return IsMax ? a.Slot > b.Slot : a.Slot < b.Slot;
    }
}
