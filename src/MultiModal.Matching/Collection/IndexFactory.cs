using MultiModal.Matching.Indexing;
using MultiModal.Matching.Indexing.Hnsw;

namespace MultiModal.Matching.Collection;

/// <summary>Creates the vector index that <see cref="IndexParameters"/> describe.</summary>
internal static class IndexFactory
{
    public static IVectorIndex Create(int dimension, DistanceMetric metric, IndexParameters parameters, int seed) =>
        parameters.Kind switch
        {
            IndexKind.Exact => new FlatIndex(dimension, metric),
            _ => new HnswIndex(HnswOptionsFor(dimension, metric, parameters, seed)),
        };

    /// <summary>The HNSW options of a modality with <see cref="IndexKind.Hnsw"/> parameters.</summary>
    public static HnswOptions HnswOptionsFor(int dimension, DistanceMetric metric, IndexParameters parameters, int seed) => new()
    {
        Dimension = dimension,
        Metric = metric,
        M = parameters.M,
        EfConstruction = parameters.EfConstruction,
        EfSearch = parameters.EfSearch,
        Seed = (ulong)seed,
    };
}
