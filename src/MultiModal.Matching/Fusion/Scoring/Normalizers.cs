using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Fusion.Scoring;

/// <summary>A normaliser: maps a raw similarity (with its rank) onto the common scale. Implemented by structs so the JIT specialises the loop.</summary>
/// <remarks>
/// A normaliser with <see cref="HasVectorForm"/> also normalises eight scores at once with the same IEEE operations in
/// the same order, so both forms give identical results (a list's entries take the vector form, recomputed cells the
/// scalar one). <c>rank</c> in the vector form holds each score's rank as a float.
/// </remarks>
internal interface IScoreNormalizer
{
    static abstract float Apply(float raw, int rank, in ListStats stats);

    static virtual bool HasVectorForm => false;

    static virtual Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats) => throw new UnreachableException();
}

internal readonly struct NoNormalizer : IScoreNormalizer
{
    public static bool HasVectorForm => true;

    public static float Apply(float raw, int rank, in ListStats stats) => raw;

    public static Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats) => raw;
}

/// <summary>(x − min)/(max − min); 1 when max = min.</summary>
internal readonly struct MinMaxNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats)
    {
        float range = stats.Max - stats.Min;
        return range > 0 ? (raw - stats.Min) / range : 1f;
    }

    public static bool HasVectorForm => true;

    public static Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats)
    {
        float range = stats.Max - stats.Min;
        return range > 0 ? (raw - Vector256.Create(stats.Min)) / Vector256.Create(range) : Vector256<float>.One;
    }
}

/// <summary>(x − μ)/σ; 0 when σ = 0.</summary>
internal readonly struct ZScoreNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats) =>
        stats.StdDev > 0 ? (raw - stats.Mean) / stats.StdDev : 0f;

    public static bool HasVectorForm => true;

    public static Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats) =>
        stats.StdDev > 0 ? (raw - Vector256.Create(stats.Mean)) / Vector256.Create(stats.StdDev) : Vector256<float>.Zero;
}

/// <summary>(x − (μ − 3σ))/(6σ), not clipped; 0.5 when σ = 0 (Qdrant's DBSF).</summary>
internal readonly struct DbsfNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats) =>
        stats.StdDev > 0 ? (raw - (stats.Mean - (3 * stats.StdDev))) / (6 * stats.StdDev) : 0.5f;

    public static bool HasVectorForm => true;

    public static Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats) =>
        stats.StdDev > 0
            ? (raw - Vector256.Create(stats.Mean - (3 * stats.StdDev))) / Vector256.Create(6 * stats.StdDev)
            : Vector256.Create(0.5f);
}

/// <summary>Milvus's maps: cosine (1 + s)/2; dot 0.5 + atan(s)/π; L2 1 − 2·atan(d)/π with d the squared distance.</summary>
internal readonly struct MetricMapNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats) => stats.Metric switch
    {
        DistanceMetric.Cosine => (1f + raw) * 0.5f,
        DistanceMetric.DotProduct => 0.5f + (MathF.Atan(raw) / MathF.PI),
        _ => 1f - (2f * MathF.Atan(raw * raw) / MathF.PI),
    };
}

/// <summary>max(0, (n − r + 1)/n); 0 for an unranked score.</summary>
internal readonly struct RankNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats) =>
        rank > 0 && stats.Length > 0 ? MathF.Max(0f, (float)(stats.Length - rank + 1) / stats.Length) : 0f;

    public static bool HasVectorForm => true;

    /// <remarks>The list's own ranks are 1…n, so n − r + 1 is exact in float and the unranked case does not arise.</remarks>
    public static Vector256<float> Apply(Vector256<float> raw, Vector256<float> rank, in ListStats stats) =>
        Vector256.Max(Vector256<float>.Zero, (Vector256.Create((float)(stats.Length + 1)) - rank) / Vector256.Create((float)stats.Length));
}

/// <summary>The percentile in the fitted distribution.</summary>
internal readonly struct CalibratedNormalizer : IScoreNormalizer
{
    public static float Apply(float raw, int rank, in ListStats stats) => ScoreCalibration.Percentile(stats.Knots!, raw);
}
