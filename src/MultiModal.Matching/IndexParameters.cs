namespace MultiModal.Matching;

/// <summary>The kind of vector index a modality (or the joint space) is searched with.</summary>
public enum IndexKind
{
    /// <summary>An HNSW graph: approximate, logarithmic search time; the default.</summary>
    Hnsw = 0,

    /// <summary>An exact scan of every vector: linear search time, perfect recall.</summary>
    Exact = 1,
}

/// <summary>How one modality's vectors are indexed.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed record IndexParameters
{
    private IndexParameters(IndexKind kind, int m, int efConstruction, int efSearch)
    {
        Kind = kind;
        M = m;
        EfConstruction = efConstruction;
        EfSearch = efSearch;
    }

    /// <summary>An HNSW graph with hnswlib's defaults: M = 16, efConstruction = 200, efSearch = 64.</summary>
    public static IndexParameters Default { get; } = new(IndexKind.Hnsw, 16, 200, 64);

    /// <summary>An exact index (every vector scanned); best below ~20,000 items or when recall must be 1.</summary>
    public static IndexParameters Exact { get; } = new(IndexKind.Exact, 0, 0, 0);

    /// <summary>The index kind.</summary>
    public IndexKind Kind { get; }

    /// <summary>HNSW: links per node on upper layers (twice as many on layer 0).</summary>
    public int M { get; }

    /// <summary>HNSW: the candidate list size while inserting.</summary>
    public int EfConstruction { get; }

    /// <summary>HNSW: the candidate list size while searching (raised to k when smaller).</summary>
    public int EfSearch { get; }

    /// <summary>An HNSW graph with explicit parameters.</summary>
    /// <param name="m">Links per node; 2 to 100.</param>
    /// <param name="efConstruction">Insert beam width; at least <paramref name="m"/>.</param>
    /// <param name="efSearch">Search beam width; at least 1.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static IndexParameters Hnsw(int m = 16, int efConstruction = 200, int efSearch = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(efConstruction, m);
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        return new IndexParameters(IndexKind.Hnsw, m, efConstruction, efSearch);
    }
}
