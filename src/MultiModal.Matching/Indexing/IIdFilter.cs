namespace MultiModal.Matching.Indexing;

/// <summary>
/// A predicate over item ids that a search must respect: only ids for which
/// <see cref="Matches"/> returns <see langword="true"/> may be returned.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from several threads at once and must not change
/// their answer during a search. <see cref="EstimatedMatchCount"/> lets an index choose
/// between an exact scan of the matching set and a filtered graph traversal.
/// </remarks>
public interface IIdFilter
{
    /// <summary>Whether the item with this id may appear in the results.</summary>
    /// <param name="id">An item id.</param>
    /// <returns><see langword="true"/> when the item passes the filter.</returns>
    bool Matches(int id);

    /// <summary>
    /// An estimate of how many ids match, or −1 when unknown. Indexes use it to pick a search strategy;
    /// it never changes which items qualify.
    /// </summary>
    int EstimatedMatchCount { get; }
}
