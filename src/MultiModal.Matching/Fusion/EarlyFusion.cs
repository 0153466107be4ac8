using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Early fusion: the query's embeddings become one joint vector (see <see cref="JointLayout"/>) searched in the
/// collection's joint index; the fused score is Σ w′ₘ·cos(qₘ, xₘ) over the query's modalities, with w′ the weights
/// renormalised over the modalities the query has (a missing query modality is a zero block). An item without a
/// modality has a zero block there, i.e. contributes cosine 0 for it. Create with <see cref="Fuse.Early"/>.
/// </summary>
/// <remarks>
/// Weights default to the joint layout's; per-fusion (<see cref="Weighted(Modality, float)"/>) and per-query weights
/// override them at query time without re-indexing. Explanations are read from the stored joint vectors (per
/// modality: cosine, weight, contribution; no per-modality rank). Immutable and thread-safe.
/// </remarks>
public sealed class EarlyFusion : IFusion
{
    internal EarlyFusion(FusionSettings settings)
    {
        Settings = settings;
    }

    internal FusionSettings Settings { get; }

    /// <summary>Sets the weight of one modality, overriding the joint layout's.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="weight">The weight; finite and ≥ 0.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is negative or not finite.</exception>
    public EarlyFusion Weighted(Modality modality, float weight) => new(Settings.WithWeight(modality, weight));

    /// <summary>Sets the weights of the built-in modalities; a null leaves that weight as it is.</summary>
    /// <param name="text">The weight of <see cref="Modality.Text"/>.</param>
    /// <param name="image">The weight of <see cref="Modality.Image"/>.</param>
    /// <param name="audio">The weight of <see cref="Modality.Audio"/>.</param>
    /// <param name="tabular">The weight of <see cref="Modality.Tabular"/>.</param>
    /// <returns>A new fusion object.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite.</exception>
    public EarlyFusion Weighted(double? text = null, double? image = null, double? audio = null, double? tabular = null) =>
        new(FusionBuilders.WithBuiltInWeights(Settings, text, image, audio, tabular));

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
        EarlyFusionEngine.Search(this, source, query, query.K, destination);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Early({FusionBuilders.Describe(Settings).TrimStart(',', ' ')})";
}
