namespace MultiModal.Matching.Fusion;

/// <summary>What <see cref="FusionTuner.Tune"/> found.</summary>
/// <param name="Fusion">The tuned late fusion (the base's window and policies, the best combination and weights).</param>
/// <param name="TrainNdcg">Mean nDCG@k of <paramref name="Fusion"/> on the training queries.</param>
/// <param name="ValidationNdcg">Mean nDCG@k of <paramref name="Fusion"/> on the held-out queries (NaN when none were held out).</param>
/// <param name="BaselineValidationNdcg">Mean nDCG@k of the untuned base fusion on the held-out queries (NaN when none).</param>
/// <param name="TrainQueries">How many queries were used for training.</param>
/// <param name="ValidationQueries">How many were held out.</param>
/// <param name="ConfigurationsTried">How many (combination, weights) configurations were evaluated.</param>
public sealed record FusionTuningResult(
    LateFusion Fusion,
    double TrainNdcg,
    double ValidationNdcg,
    double BaselineValidationNdcg,
    int TrainQueries,
    int ValidationQueries,
    int ConfigurationsTried);
