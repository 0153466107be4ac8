using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Tests.Fusion;

/// <summary>An index decorator exposing only <see cref="IVectorIndex"/>, to drive the generic (copy + batch kernel) exact-scoring path.</summary>
internal sealed class ForwardingIndex(IVectorIndex inner) : IVectorIndex
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
