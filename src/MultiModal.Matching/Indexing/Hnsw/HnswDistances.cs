using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>A distance between two stored vectors of the same dimension; smaller is closer.</summary>
internal unsafe interface IHnswDistance
{
    static abstract float Between(float* a, float* b, int dimension);
}

/// <summary>‖a − b‖².</summary>
internal readonly unsafe struct HnswL2Distance : IHnswDistance
{
    public static float Between(float* a, float* b, int dimension) =>
        VectorKernels.L2Squared(new ReadOnlySpan<float>(a, dimension), new ReadOnlySpan<float>(b, dimension));
}

/// <summary>−(a · b).</summary>
internal readonly unsafe struct HnswDotDistance : IHnswDistance
{
    public static float Between(float* a, float* b, int dimension) =>
        -VectorKernels.Dot(new ReadOnlySpan<float>(a, dimension), new ReadOnlySpan<float>(b, dimension));
}

/// <summary>1 − (a · b) on unit vectors.</summary>
internal readonly unsafe struct HnswCosineDistance : IHnswDistance
{
    public static float Between(float* a, float* b, int dimension) =>
        1f - VectorKernels.Dot(new ReadOnlySpan<float>(a, dimension), new ReadOnlySpan<float>(b, dimension));
}
