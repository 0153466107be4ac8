using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// A multi-modal query: an embedding for each modality the query has (any subset of the collection's),
/// optional per-query weights, the number of results and an optional filter.
/// </summary>
/// <remarks>
/// A query object may be reused (call <see cref="Clear"/> or <see cref="With"/> again) so that a steady stream
/// of searches allocates nothing. Embeddings are held by reference (<see cref="ReadOnlyMemory{T}"/>), not copied:
/// do not change them while a search runs. Not thread-safe for writes; concurrent searches may share a query
/// that nobody modifies.
/// </remarks>
public sealed class FusionQuery
{
    private Entry[] _entries = new Entry[4];
    private int _count;
    private int _k;

    /// <summary>Creates an empty query for <paramref name="k"/> results.</summary>
    /// <param name="k">How many results are wanted; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public FusionQuery(int k = 10)
    {
        K = k;
    }

    /// <summary>How many results are wanted; at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value less than 1.</exception>
    public int K
    {
        get => _k;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _k = value;
        }
    }

    /// <summary>An optional predicate over item ids that every result must satisfy.</summary>
    public IIdFilter? Filter { get; set; }

    /// <summary>How many modalities the query has.</summary>
    public int Count => _count;

    /// <summary>Adds (or replaces) the embedding of a modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="embedding">The query's embedding in that modality's space; non-empty, every component finite.</param>
    /// <param name="weight">A per-query weight (≥ 0, finite) that overrides the fusion object's weight for this modality; null keeps the fusion's weight.</param>
    /// <returns>This query, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default, the embedding is empty or has a NaN/infinite component, or the weight is negative or not finite.</exception>
    public FusionQuery With(Modality modality, ReadOnlyMemory<float> embedding, float? weight = null)
    {
        if (modality.IsDefault)
        {
            throw new ArgumentException("The modality is default-initialised.", nameof(modality));
        }

        if (embedding.IsEmpty)
        {
            throw new ArgumentException("The embedding is empty.", nameof(embedding));
        }

        foreach (float x in embedding.Span)
        {
            if (!float.IsFinite(x))
            {
                throw new ArgumentException($"The {modality} embedding has a NaN or infinite component.", nameof(embedding));
            }
        }

        if (weight is { } w && (!float.IsFinite(w) || w < 0))
        {
            throw new ArgumentException($"A weight must be finite and non-negative; got {w}.", nameof(weight));
        }

        var entry = new Entry(modality, embedding, weight ?? float.NaN);
        int at = IndexOf(modality);
        if (at >= 0)
        {
            _entries[at] = entry;
            return this;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        _entries[_count++] = entry;
        return this;
    }

    /// <summary>Removes a modality from the query.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>Whether the query had it.</returns>
    public bool Remove(Modality modality)
    {
        int at = IndexOf(modality);
        if (at < 0)
        {
            return false;
        }

        Array.Copy(_entries, at + 1, _entries, at, _count - at - 1);
        _entries[--_count] = default;
        return true;
    }

    /// <summary>Removes every modality (k and the filter stay).</summary>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    /// <summary>Whether the query has an embedding for <paramref name="modality"/>.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns><see langword="true"/> when it has one.</returns>
    public bool Contains(Modality modality) => IndexOf(modality) >= 0;

    /// <summary>The modality at position <paramref name="index"/> (insertion order).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The modality.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public Modality GetModality(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return _entries[index].Modality;
    }

    /// <summary>Gets the embedding for a modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="embedding">The embedding, when present.</param>
    /// <returns>Whether the query has the modality.</returns>
    public bool TryGetEmbedding(Modality modality, out ReadOnlyMemory<float> embedding)
    {
        int at = IndexOf(modality);
        embedding = at >= 0 ? _entries[at].Embedding : default;
        return at >= 0;
    }

    /// <summary>The per-query weight of a modality, or null when the query leaves it to the fusion object.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The weight, or null.</returns>
    public float? GetWeight(Modality modality)
    {
        int at = IndexOf(modality);
        return at >= 0 && !float.IsNaN(_entries[at].Weight) ? _entries[at].Weight : null;
    }

    /// <summary>Copies the query (embeddings are shared, not copied).</summary>
    /// <returns>A new query with the same modalities, weights, k and filter.</returns>
    public FusionQuery Clone()
    {
        var copy = new FusionQuery(_k) { Filter = Filter, _entries = (Entry[])_entries.Clone(), _count = _count };
        return copy;
    }

    /// <summary>Makes this query a copy of <paramref name="other"/> with a different k, without re-validating or allocating once warm.</summary>
    internal void CopyFrom(FusionQuery other, int k)
    {
        if (_entries.Length < other._count)
        {
            _entries = new Entry[other._entries.Length];
        }

        Array.Copy(other._entries, _entries, other._count);
        Array.Clear(_entries, other._count, _entries.Length - other._count);
        _count = other._count;
        _k = k;
        Filter = other.Filter;
    }

    internal int IndexOf(Modality modality)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Modality == modality)
            {
                return i;
            }
        }

        return -1;
    }

    internal ref readonly Entry EntryAt(int index) => ref _entries[index];

    internal readonly record struct Entry(Modality Modality, ReadOnlyMemory<float> Embedding, float Weight);
}
