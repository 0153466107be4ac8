using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Collection;

/// <summary>Creates the vector index that <see cref="IndexParameters"/> describe.</summary>
internal static class IndexFactory
{
    public static IVectorIndex Create(int dimension, DistanceMetric metric, IndexParameters parameters, int seed)
    {
        _ = seed;
        return parameters.Kind switch
        {
            _ => new FlatIndex(dimension, metric),
        };
    }
}
