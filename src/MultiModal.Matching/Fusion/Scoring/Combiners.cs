using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Fusion.Scoring;

/// <summary>
/// A combiner: the per-modality term and how terms aggregate. The fused score is
/// Σ scale·w·term (or the max of scale·w·term), with scale = (hits or 1)/Σw, or 1/max w for Max.
/// </summary>
/// <remarks>
/// A combiner with <see cref="HasVectorForm"/> also computes eight terms at once with the same IEEE operations as the
/// scalar form (identical results); <c>rank</c> there holds each entry's rank (≥ 1) as a float.
/// </remarks>
internal interface IScoreCombiner
{
    static abstract float Term(float normalized, int rank, int listLength, float rrfK);

    static virtual bool HasVectorForm => false;

    static virtual Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) => throw new UnreachableException();

    static abstract bool IsMax { get; }

    static abstract bool CountsHits { get; }
}

internal readonly struct WeightedSumCombiner : IScoreCombiner
{
    public static float Term(float normalized, int rank, int listLength, float rrfK) => normalized;

    public static bool HasVectorForm => true;

    public static Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) => normalized;

    public static bool IsMax => false;

    public static bool CountsHits => false;
}

internal readonly struct CombMnzCombiner : IScoreCombiner
{
    public static float Term(float normalized, int rank, int listLength, float rrfK) => normalized;

    public static bool HasVectorForm => true;

    public static Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) => normalized;

    public static bool IsMax => false;

    public static bool CountsHits => true;
}

internal readonly struct MaxCombiner : IScoreCombiner
{
    public static float Term(float normalized, int rank, int listLength, float rrfK) => normalized;

    public static bool HasVectorForm => true;

    public static Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) => normalized;

    public static bool IsMax => true;

    public static bool CountsHits => false;
}

/// <summary>1/(k + r), r from 1; 0 when unranked.</summary>
internal readonly struct RrfCombiner : IScoreCombiner
{
    public static float Term(float normalized, int rank, int listLength, float rrfK) => rank > 0 ? 1f / (rrfK + rank) : 0f;

    public static bool HasVectorForm => true;

    public static Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) =>
        Vector256<float>.One / (Vector256.Create(rrfK) + rank);

    public static bool IsMax => false;

    public static bool CountsHits => false;
}

/// <summary>max(0, n − r + 1); 0 when unranked.</summary>
internal readonly struct BordaCombiner : IScoreCombiner
{
    public static float Term(float normalized, int rank, int listLength, float rrfK) =>
        rank > 0 ? MathF.Max(0f, listLength - rank + 1) : 0f;

    public static bool HasVectorForm => true;

    /// <remarks>n + 1 − r is exact in float for any list length an index returns, so it equals the integer form.</remarks>
    public static Vector256<float> Term(Vector256<float> normalized, Vector256<float> rank, int listLength, float rrfK) =>
        Vector256.Max(Vector256<float>.Zero, Vector256.Create((float)(listLength + 1)) - rank);

    public static bool IsMax => false;

    public static bool CountsHits => false;
}
