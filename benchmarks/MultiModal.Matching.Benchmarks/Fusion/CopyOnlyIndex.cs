using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Benchmarks.Fusion;

/// <summary>Exposes an index only through <see cref="IVectorIndex"/>, as a third-party index would (no in-place scoring).</summary>
internal sealed class CopyOnlyIndex(IVectorIndex inner) : IVectorIndex
{
    public int Dimension => inner.Dimension;

    public DistanceMetric Metric => inner.Metric;

    public int Count => inner.Count;

    public void Add(int id, ReadOnlySpan<float> vector) => inner.Add(id, vector);

    public void Remove(int id) => inner.Remove(id);

    public bool Contains(int id) => inner.Contains(id);

    public bool TryGetVector(int id, Span<float> destination) => inner.TryGetVector(id, destination);

    public int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> destination, IIdFilter? filter = null) =>
        inner.Search(query, k, destination, filter);
}
