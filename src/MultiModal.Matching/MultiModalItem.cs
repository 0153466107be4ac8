using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// An item to store: any subset of the collection's modalities, each as a raw input (encoded by the
/// collection's encoder for that modality) or as a ready embedding, plus attribute values.
/// </summary>
/// <example>
/// <code>
/// var item = new MultiModalItem()
///     .Set(Modality.Text, "red wooden chair")          // raw: encoded by the schema's text encoder
///     .SetEmbedding(Modality.Image, imageVector)        // ready: stored as given
///     .SetAttribute("price", 129.0);
/// </code>
/// </example>
/// <remarks>
/// A builder: not thread-safe while being filled. The collection validates everything (declared modalities,
/// input types, dimensions, finite values, attribute types) when the item is upserted and copies what it keeps.
/// </remarks>
public sealed class MultiModalItem
{
    private readonly Dictionary<string, AttributeValue> _attributes = new(StringComparer.Ordinal);

    /// <summary>The modalities this item carries.</summary>
    public IEnumerable<Modality> Modalities => Inputs.Modalities;

    /// <summary>The attribute values set so far.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes => _attributes;

    internal ModalityInputs Inputs { get; } = new();

    /// <summary>Sets a raw input for a modality, replacing any input or embedding given for it before.</summary>
    /// <typeparam name="TInput">The input type; it must be the type the modality's encoder accepts.</typeparam>
    /// <param name="modality">The modality.</param>
    /// <param name="input">The raw input (text, decoded image, audio clip…).</param>
    /// <returns>This item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default-initialised.</exception>
    public MultiModalItem Set<TInput>(Modality modality, TInput input)
        where TInput : notnull
    {
        Inputs.SetRaw(modality, input);
        return this;
    }

    /// <summary>Sets a ready embedding for a modality (copied), replacing any input given for it before.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="embedding">The vector; its length must be the modality's dimension.</param>
    /// <returns>This item.</returns>
    /// <exception cref="ArgumentException"><paramref name="modality"/> is default-initialised or <paramref name="embedding"/> is empty.</exception>
    public MultiModalItem SetEmbedding(Modality modality, ReadOnlySpan<float> embedding)
    {
        Inputs.SetEmbedding(modality, embedding);
        return this;
    }

    /// <summary>Removes whatever was set for a modality.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>This item.</returns>
    public MultiModalItem Remove(Modality modality)
    {
        Inputs.Remove(modality);
        return this;
    }

    /// <summary>Sets an attribute value (the field must be declared in the schema with a matching type).</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This item.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid field name.</exception>
    public MultiModalItem SetAttribute(string name, AttributeValue value)
    {
        AttributeField.ThrowIfInvalidName(name, nameof(name));
        _attributes[name] = value;
        return this;
    }
}
