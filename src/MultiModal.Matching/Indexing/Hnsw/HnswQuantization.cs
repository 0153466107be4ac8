namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>How an <see cref="HnswIndex"/> stores the vectors its graph walks on.</summary>
public enum HnswQuantization
{
    /// <summary>f32 vectors only; every distance is exact.</summary>
    None = 0,

    /// <summary>
    /// Two-tier: per-index scalar int8 codes for building and traversal, exact f32 re-ranking of the final
    /// candidates (see <see cref="HnswOptions.RerankOversampling"/>).
    /// </summary>
    Int8 = 1,
}
