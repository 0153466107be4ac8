namespace MultiModal.Matching.Indexing;

/// <summary>
/// A nearest-neighbour index over fixed-dimension float vectors identified by non-negative integer ids.
/// </summary>
/// <remarks>
/// Results are ordered by ascending <see cref="Neighbor.Distance"/>, ties broken by ascending id.
/// Implementations state their own thread-safety; the built-in ones allow concurrent searches
/// alongside one or more writers.
/// </remarks>
public interface IVectorIndex
{
    /// <summary>The number of components of every vector.</summary>
    int Dimension { get; }

    /// <summary>The metric that defines the distance.</summary>
    DistanceMetric Metric { get; }

    /// <summary>The number of live (not removed) items.</summary>
    int Count { get; }

    /// <summary>Adds a vector under a new id.</summary>
    /// <param name="id">A non-negative id not already present.</param>
    /// <param name="vector">The vector; its length must equal <see cref="Dimension"/> and every component must be finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is negative.</exception>
    /// <exception cref="ArgumentException">The dimension is wrong, a component is NaN or infinite, or the id is already present.</exception>
    void Add(int id, ReadOnlySpan<float> vector);

    /// <summary>Removes the item with this id.</summary>
    /// <param name="id">The id of a live item.</param>
    /// <exception cref="KeyNotFoundException">No live item has this id.</exception>
    void Remove(int id);

    /// <summary>Whether a live item has this id.</summary>
    /// <param name="id">An id.</param>
    /// <returns><see langword="true"/> if the item is present and not removed.</returns>
    bool Contains(int id);

    /// <summary>Copies the stored vector of an item (normalised, for <see cref="DistanceMetric.Cosine"/>).</summary>
    /// <param name="id">An id.</param>
    /// <param name="destination">A span of length <see cref="Dimension"/>.</param>
    /// <returns><see langword="false"/> when no live item has this id.</returns>
    bool TryGetVector(int id, Span<float> destination);

    /// <summary>Finds the nearest items to a query without allocating.</summary>
    /// <param name="query">The query vector, of length <see cref="Dimension"/>, all components finite.</param>
    /// <param name="k">How many results are wanted; at least 1.</param>
    /// <param name="destination">Receives up to <paramref name="k"/> results, closest first; its length must be at least <paramref name="k"/>.</param>
    /// <param name="filter">An optional predicate that every result must satisfy.</param>
    /// <returns>The number of results written: <c>min(k, matching live items)</c> for exact indexes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The query has the wrong dimension or a non-finite component, or <paramref name="destination"/> is shorter than <paramref name="k"/>.</exception>
    int Search(ReadOnlySpan<float> query, int k, Span<Neighbor> destination, IIdFilter? filter = null);
}
