using System.Diagnostics;
using System.Runtime.CompilerServices;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// Bounded selection of the <c>k</c> closest (distance, id) pairs, ordered by distance then id.
/// A max-heap over caller-provided storage: the root is the worst pair kept so far, so a new pair is
/// rejected with one comparison once the heap is full. Allocates nothing.
/// </summary>
/// <remarks>
/// Use: <c>var top = new TopK(buffer[..k]); top.Push(id, d) …; int n = top.SortInPlace();</c> then
/// <c>buffer[..n]</c> holds the results closest first. Distances must not be NaN (callers map NaN to
/// +∞). Not thread-safe; one selector per thread.
/// </remarks>
internal ref struct TopK
{
    private readonly Span<Neighbor> _heap;
    private int _count;

    /// <summary>Creates a selector that keeps up to <c>storage.Length</c> pairs in <paramref name="storage"/>.</summary>
    public TopK(Span<Neighbor> storage)
    {
        Debug.Assert(storage.Length > 0);
        _heap = storage;
        _count = 0;
    }

    /// <summary>The capacity k.</summary>
    public readonly int Capacity => _heap.Length;

    /// <summary>How many pairs are held.</summary>
    public readonly int Count => _count;

    /// <summary>Whether k pairs are held, so that <see cref="WorstDistance"/> bounds every further accepted pair.</summary>
    public readonly bool IsFull => _count == _heap.Length;

    /// <summary>The largest distance kept, or +∞ while the selector is not full.</summary>
    public readonly float WorstDistance => IsFull ? _heap[0].Distance : float.PositiveInfinity;

    /// <summary>Offers a pair; keeps it when fewer than k are held or it beats the worst one kept.</summary>
    /// <returns><see langword="true"/> when the pair was kept.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Push(int id, float distance)
    {
        Debug.Assert(!float.IsNaN(distance));
        if (_count < _heap.Length)
        {
            SiftUp(_count++, new Neighbor(id, distance));
            return true;
        }

        ref Neighbor root = ref _heap[0];
        if (distance < root.Distance || (distance == root.Distance && id < root.Id))
        {
            SiftDown(0, new Neighbor(id, distance));
            return true;
        }

        return false;
    }

    /// <summary>
    /// Sorts the kept pairs closest first (distance, then id) in the storage and returns their number.
    /// The selector is empty afterwards.
    /// </summary>
    public int SortInPlace()
    {
        int n = _count;
        // Heap sort: repeatedly move the worst to the end of the shrinking heap.
        for (int end = n - 1; end > 0; end--)
        {
            Neighbor worst = _heap[0];
            _count = end;
            SiftDown(0, _heap[end]);
            _heap[end] = worst;
        }

        _count = 0;
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Worse(in Neighbor a, in Neighbor b) =>
        a.Distance > b.Distance || (a.Distance == b.Distance && a.Id > b.Id);

    private readonly void SiftUp(int index, Neighbor item)
    {
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (!Worse(item, _heap[parent]))
            {
                break;
            }

            _heap[index] = _heap[parent];
            index = parent;
        }

        _heap[index] = item;
    }

    private readonly void SiftDown(int index, Neighbor item)
    {
        int count = _count;
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Worse(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Worse(_heap[child], item))
            {
                break;
            }

            _heap[index] = _heap[child];
            index = child;
        }

        _heap[index] = item;
    }
}
