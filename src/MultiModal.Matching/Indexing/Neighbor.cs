namespace MultiModal.Matching.Indexing;

/// <summary>One search result from a vector index: an item id and its distance to the query.</summary>
/// <param name="Id">The item's id, as given to <see cref="IVectorIndex.Add"/>.</param>
/// <param name="Distance">The metric's distance (see <see cref="DistanceMetric"/>); smaller is closer.</param>
public readonly record struct Neighbor(int Id, float Distance) : IComparable<Neighbor>
{
    /// <summary>Orders by distance, then by id, so that ties are broken deterministically.</summary>
    /// <param name="other">The neighbour to compare with.</param>
    /// <returns>A negative number when this neighbour comes first.</returns>
    public int CompareTo(Neighbor other)
    {
        int byDistance = Distance.CompareTo(other.Distance);
        return byDistance != 0 ? byDistance : Id.CompareTo(other.Id);
    }
}
