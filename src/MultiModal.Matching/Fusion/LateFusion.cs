using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Late fusion: each modality the query has is searched in its own index with a window k′ ≥ k, the raw scores
/// are normalised and combined (<see cref="ScoreCombination"/>), and the top-k are returned with explanations.
/// Create with <see cref="Fuse.Late(ScoreCombination)"/>.
/// </summary>
/// <remarks>
/// Immutable: every builder method returns a new object. Thread-safe: one instance may serve concurrent searches.
/// Defaults: window 100, equal weights, query-side policy <see cref="MissingModalityPolicy.Skip"/>, item-side policy
/// <c>Fill(0)</c> (classic CombSUM/RRF behaviour: absent from a list adds nothing).
/// </remarks>
public sealed class LateFusion : IFusion
{
    internal LateFusion(ScoreCombination combination, FusionSettings settings, int window, bool exact)
    {
        Combination = combination;
        Settings = settings;
        Window = window;
        IsExact = exact;
    }

    /// <summary>The normaliser and combiner.</summary>
    public ScoreCombination Combination { get; }

    /// <summary>The per-modality window k′ (the effective window is max(k′, k)).</summary>
    public int Window { get; }

    /// <summary>Whether the exact fused top-k is computed with the threshold algorithm (<see cref="Exact"/>).</summary>
    public bool IsExact { get; }

    internal FusionSettings Settings { get; }

    /// <summary>Sets the weight of one modality (default 1; weights are renormalised over the modalities that take part).</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="weight">The weight; finite and ≥ 0 (0 removes the modality's influence).</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is negative or not finite.</exception>
    public LateFusion Weighted(Modality modality, float weight) => new(Combination, Settings.WithWeight(modality, weight), Window, IsExact);

    /// <summary>Sets the weights of the built-in modalities; a null leaves that modality's weight as it is.</summary>
    /// <param name="text">The weight of <see cref="Modality.Text"/>.</param>
    /// <param name="image">The weight of <see cref="Modality.Image"/>.</param>
    /// <param name="audio">The weight of <see cref="Modality.Audio"/>.</param>
    /// <param name="tabular">The weight of <see cref="Modality.Tabular"/>.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite.</exception>
    public LateFusion Weighted(double? text = null, double? image = null, double? audio = null, double? tabular = null) =>
        new(Combination, FusionBuilders.WithBuiltInWeights(Settings, text, image, audio, tabular), Window, IsExact);

    /// <summary>Sets the per-modality window k′.</summary>
    /// <param name="window">At least 1; the effective window is max(window, k).</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is less than 1.</exception>
    public LateFusion WithWindow(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return new(Combination, Settings, window, IsExact);
    }

    /// <summary>Replaces the normaliser and combiner, keeping weights, window and policies.</summary>
    /// <param name="combination">The new combination.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="combination"/> is null.</exception>
    /// <exception cref="InvalidOperationException">This fusion is exact and the combination does not support the threshold algorithm.</exception>
    public LateFusion WithCombination(ScoreCombination combination)
    {
        ArgumentNullException.ThrowIfNull(combination);
        if (IsExact)
        {
            ThrowIfNotExactCapable(combination);
        }

        return new(combination, Settings, Window, IsExact);
    }

    /// <summary>
    /// Computes the exact fused top-k with Fagin's threshold algorithm instead of trusting a fixed window: the window
    /// doubles until no item outside every list can beat the k-th fused score. Items outside a list are scored
    /// exactly from their stored vectors (the item-side policy then only applies to items without a vector).
    /// </summary>
    /// <param name="enabled">Whether to use the threshold algorithm.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="InvalidOperationException">The combination is not monotone over window-independent scores: only
    /// <see cref="CombinationKind.WeightedSum"/> and <see cref="CombinationKind.Max"/> with <see cref="ScoreNormalization.None"/>,
    /// <see cref="ScoreNormalization.MetricMap"/> or <see cref="ScoreNormalization.Calibrated"/> qualify.</exception>
    public LateFusion Exact(bool enabled = true)
    {
        if (enabled)
        {
            ThrowIfNotExactCapable(Combination);
        }

        return new(Combination, Settings, Window, enabled);
    }

    /// <summary>Sets the query-side policy (the query lacks the modality) for every modality.</summary>
    /// <param name="policy"><see cref="MissingModalityPolicy.Skip"/> (default) or <see cref="MissingModalityPolicy.Fill"/>.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentException">The policy is Recompute, which needs a query embedding.</exception>
    public LateFusion OnMissingInQuery(MissingModalityPolicy policy) => new(Combination, Settings.WithQueryPolicy(null, policy), Window, IsExact);

    /// <summary>Sets the query-side policy for one modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="policy"><see cref="MissingModalityPolicy.Skip"/> or <see cref="MissingModalityPolicy.Fill"/>.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentException">The modality is default, or the policy is Recompute.</exception>
    public LateFusion OnMissingInQuery(Modality modality, MissingModalityPolicy policy) => new(Combination, Settings.WithQueryPolicy(modality, policy), Window, IsExact);

    /// <summary>Sets the item-side policy (the item is not in a modality's list) for every modality.</summary>
    /// <param name="policy">Skip, Fill (default <c>Fill(0)</c>) or Recompute.</param>
    /// <returns>A new fusion object.</returns>
    public LateFusion OnMissingInItem(MissingModalityPolicy policy) => new(Combination, Settings.WithItemPolicy(null, policy), Window, IsExact);

    /// <summary>Sets the item-side policy for one modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="policy">Skip, Fill or Recompute.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentException">The modality is default.</exception>
    public LateFusion OnMissingInItem(Modality modality, MissingModalityPolicy policy) => new(Combination, Settings.WithItemPolicy(modality, policy), Window, IsExact);

    /// <summary>The configured weight of a modality (1 when not set).</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The weight before renormalisation.</returns>
    public float GetWeight(Modality modality)
    {
        float w = Settings.WeightOf(modality);
        return float.IsNaN(w) ? 1f : w;
    }

    /// <summary>The query-side policy of a modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The policy.</returns>
    public MissingModalityPolicy GetQueryPolicy(Modality modality) => Settings.QueryPolicyOf(modality);

    /// <summary>The item-side policy of a modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The policy.</returns>
    public MissingModalityPolicy GetItemPolicy(Modality modality) => Settings.ItemPolicyOf(modality);

    /// <inheritdoc/>
    public FusionResult Search(IFusionSource source, FusionQuery query)
    {
        var result = new FusionResult();
        Search(source, query, result);
        return result;
    }

    /// <inheritdoc/>
    public void Search(IFusionSource source, FusionQuery query, FusionResult destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        LateFusionEngine.Search(this, source, query, destination);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Late({Combination}, window={Window}{(IsExact ? ", exact" : string.Empty)}{FusionBuilders.Describe(Settings)})";

    internal static bool IsExactCapable(ScoreCombination combination) =>
        combination.Kind is CombinationKind.WeightedSum or CombinationKind.Max
        && combination.Normalization is ScoreNormalization.None or ScoreNormalization.MetricMap or ScoreNormalization.Calibrated;

    private static void ThrowIfNotExactCapable(ScoreCombination combination)
    {
        if (!IsExactCapable(combination))
        {
            throw new InvalidOperationException(
                $"The threshold algorithm needs a monotone combiner over window-independent scores (WeightedSum or Max with None, MetricMap or Calibrated); {combination} is not.");
        }
    }
}
