namespace MultiModal.Matching.Fusion;

/// <summary>
/// Shorthands for <see cref="ScoreNormalization"/> that read well in builders:
/// <c>Combine.WeightedSum(Normalize.ZScore)</c>.
/// </summary>
public static class Normalize
{
    /// <summary><see cref="ScoreNormalization.None"/>.</summary>
    public static ScoreNormalization None => ScoreNormalization.None;

    /// <summary><see cref="ScoreNormalization.MinMax"/>.</summary>
    public static ScoreNormalization MinMax => ScoreNormalization.MinMax;

    /// <summary><see cref="ScoreNormalization.ZScore"/>.</summary>
    public static ScoreNormalization ZScore => ScoreNormalization.ZScore;

    /// <summary><see cref="ScoreNormalization.Dbsf"/>.</summary>
    public static ScoreNormalization Dbsf => ScoreNormalization.Dbsf;

    /// <summary><see cref="ScoreNormalization.MetricMap"/>.</summary>
    public static ScoreNormalization MetricMap => ScoreNormalization.MetricMap;

    /// <summary><see cref="ScoreNormalization.Rank"/>.</summary>
    public static ScoreNormalization Rank => ScoreNormalization.Rank;

    /// <summary><see cref="ScoreNormalization.Calibrated"/>.</summary>
    public static ScoreNormalization Calibrated => ScoreNormalization.Calibrated;
}
