namespace MultiModal.Matching.Fusion;

/// <summary>The search space and protocol of <see cref="FusionTuner"/>.</summary>
/// <remarks>Immutable once created (init-only); validated by <see cref="FusionTuner.Tune"/>.</remarks>
public sealed class FusionTunerOptions
{
    /// <summary>The cut-off of the optimised nDCG@k (and the number of results asked for); default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>The seed of the train/validation split and of the coordinate order; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The fraction of labelled queries held out for validation, in [0, 0.9]; default 0.3.</summary>
    public double ValidationFraction { get; init; } = 0.3;

    /// <summary>The values each modality's weight may take in the coordinate search; non-negative; default 0, 0.25, 0.5, 0.75, 1.</summary>
    public IReadOnlyList<float> WeightGrid { get; init; } = [0f, 0.25f, 0.5f, 0.75f, 1f];

    /// <summary>How many passes of coordinate search over the modalities; default 2.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>
    /// The normaliser/combiner pairs to try (and, for RRF, its k). Default: weighted sum with every normaliser
    /// (calibrated only when the source has a calibration), CombMNZ and Max with min-max, RRF with k = 10, 30, 60, 100, and Borda.
    /// </summary>
    public IReadOnlyList<ScoreCombination> Combinations { get; init; } =
    [
        Combine.WeightedSum(ScoreNormalization.None),
        Combine.WeightedSum(ScoreNormalization.MinMax),
        Combine.WeightedSum(ScoreNormalization.ZScore),
        Combine.WeightedSum(ScoreNormalization.Dbsf),
        Combine.WeightedSum(ScoreNormalization.MetricMap),
        Combine.WeightedSum(ScoreNormalization.Rank),
        Combine.WeightedSum(ScoreNormalization.Calibrated),
        Combine.CombMnz(ScoreNormalization.MinMax),
        Combine.Max(ScoreNormalization.MinMax),
        Combine.Rrf(10),
        Combine.Rrf(30),
        Combine.Rrf(60),
        Combine.Rrf(100),
        Combine.Borda(),
    ];

    /// <summary>The late fusion whose window and missing-modality policies the tuned fusion keeps; default <c>Fuse.Late()</c>.</summary>
    public LateFusion Base { get; init; } = Fuse.Late();
}
