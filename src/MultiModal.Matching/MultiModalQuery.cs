using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// A search: any subset of the collection's modalities, each as a raw input or a ready embedding,
/// with optional per-query weights that override the fusion's own.
/// </summary>
/// <example>
/// <code>
/// var query = new MultiModalQuery()
///     .Set(Modality.Text, "wooden lamp")
///     .Set(Modality.Image, photo)
///     .SetWeight(Modality.Text, 2.0);
/// </code>
/// </example>
/// <remarks>A builder: not thread-safe while being filled; the collection validates it on search.</remarks>
public sealed class MultiModalQuery
{
    private readonly Dictionary<Modality, double> _weights = [];

    /// <summary>The modalities this query carries.</summary>
    public IEnumerable<Modality> Modalities => Inputs.Modalities;

    /// <summary>The per-query weights set so far.</summary>
    public IReadOnlyDictionary<Modality, double> Weights => _weights;

    internal ModalityInputs Inputs { get; } = new();

    /// <summary>Sets a raw input for a modality, replacing any input or embedding given for it before.</summary>
    /// <typeparam name="TInput">The input type; it must be the type the modality's encoder accepts.</typeparam>
    /// <param name="modality">The modality.</param>
    /// <param name="input">The raw input.</param>
    /// <returns>This query.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default-initialised.</exception>
    public MultiModalQuery Set<TInput>(Modality modality, TInput input)
        where TInput : notnull
    {
        Inputs.SetRaw(modality, input);
        return this;
    }

    /// <summary>Sets a ready embedding for a modality (copied), replacing any input given for it before.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="embedding">The vector; its length must be the modality's dimension.</param>
    /// <returns>This query.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default-initialised or <paramref name="embedding"/> is empty.</exception>
    public MultiModalQuery SetEmbedding(Modality modality, ReadOnlySpan<float> embedding)
    {
        Inputs.SetEmbedding(modality, embedding);
        return this;
    }

    /// <summary>Sets this query's weight for a modality; it replaces the fusion's weight for this search.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="weight">A finite, non-negative weight (0 removes the modality's influence).</param>
    /// <returns>This query.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default-initialised.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is negative, NaN or infinite.</exception>
    public MultiModalQuery SetWeight(Modality modality, double weight)
    {
        if (modality.IsDefault)
        {
            throw new ArgumentException("The modality is default-initialised.", nameof(modality));
        }

        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight must be finite and non-negative.");
        }

        _weights[modality] = weight;
        return this;
    }
}
