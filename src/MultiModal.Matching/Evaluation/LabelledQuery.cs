using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Evaluation;

/// <summary>A query with the ids of the items that are relevant to it (ground truth for evaluation and tuning).</summary>
/// <remarks>Immutable once built (the query is shared, not copied; do not change it while evaluating).</remarks>
public sealed class LabelledQuery
{
    /// <summary>Creates a labelled query.</summary>
    /// <param name="query">The query (its k is ignored; evaluation uses its own k).</param>
    /// <param name="relevantIds">The relevant item ids; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relevantIds"/> is empty.</exception>
    public LabelledQuery(FusionQuery query, IEnumerable<int> relevantIds)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(relevantIds);
        Query = query;
        RelevantIds = relevantIds.ToHashSet();
        if (RelevantIds.Count == 0)
        {
            throw new ArgumentException("A labelled query needs at least one relevant id.", nameof(relevantIds));
        }
    }

    /// <summary>The query.</summary>
    public FusionQuery Query { get; }

    /// <summary>The relevant ids.</summary>
    public IReadOnlySet<int> RelevantIds { get; }
}
