using MultiModal.Matching.Collection;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Attributes;

/// <summary>
/// An <see cref="AttributeFilter"/> bound to a collection's columns, handed to the indexes as their
/// <see cref="IIdFilter"/> so that filtering happens inside the search. Valid while the collection's
/// read lock is held (the columns cannot change under it).
/// </summary>
internal sealed class CompiledFilter : IIdFilter
{
    private const int ExactCountLimit = 16_384;
    private const int Samples = 4_096;

    private readonly FilterNode _root;

    private CompiledFilter(FilterNode root, int estimatedMatchCount)
    {
        _root = root;
        EstimatedMatchCount = estimatedMatchCount;
    }

    /// <inheritdoc/>
    public int EstimatedMatchCount { get; }

    /// <summary>Compiles a filter and estimates its selectivity over the live ids.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="table">The collection's attribute columns.</param>
    /// <param name="ids">The collection's id map (for liveness).</param>
    /// <exception cref="ArgumentException">The filter names an unknown field or compares with a value of the wrong type.</exception>
    public static CompiledFilter Compile(AttributeFilter filter, AttributeTable table, KeyMap ids)
    {
        FilterNode root = filter.Compile(table);
        return new CompiledFilter(root, Estimate(root, ids));
    }

    /// <inheritdoc/>
    public bool Matches(int id) => _root.Matches(id);

    /// <summary>An exact count for small collections, else a seeded uniform sample of the id range.</summary>
    private static int Estimate(FilterNode root, KeyMap ids)
    {
        int range = ids.IdRange;
        if (range <= ExactCountLimit)
        {
            int count = 0;
            for (int id = 0; id < range; id++)
            {
                if (ids.IsLive(id) && root.Matches(id))
                {
                    count++;
                }
            }

            return count;
        }

        var random = new Random(range);
        int live = 0, hits = 0;
        for (int s = 0; s < Samples; s++)
        {
            int id = random.Next(range);
            if (ids.IsLive(id))
            {
                live++;
                if (root.Matches(id))
                {
                    hits++;
                }
            }
        }

        return live == 0 ? 0 : (int)Math.Min(ids.Count, Math.Ceiling((double)hits / live * ids.Count));
    }
}
