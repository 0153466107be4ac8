using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// What a <see cref="MultiModalCollection"/> stores: its modalities (dimension, metric, index, optional
/// encoder), an optional joint space for early and hybrid fusion, and typed attribute fields for filters.
/// </summary>
/// <example>
/// <code>
/// var schema = new CollectionSchema()
///     .WithModality(textEncoder)                                   // dimension and identity from the encoder
///     .WithModality(Modality.Image, dimension: 512, DistanceMetric.Cosine)   // items bring image embeddings
///     .WithJointSpace((Modality.Text, 1.0), (Modality.Image, 1.0))
///     .WithAttribute("price", AttributeType.Number);
/// </code>
/// </example>
/// <remarks>
/// Immutable: every <c>With…</c> method returns a new schema, so a schema may be shared between threads
/// and collections.
/// </remarks>
public sealed class CollectionSchema
{
    private readonly ModalityDefinition[] _modalities;
    private readonly AttributeField[] _attributes;

    /// <summary>An empty schema; add at least one modality before creating a collection.</summary>
    public CollectionSchema()
    {
        _modalities = [];
        _attributes = [];
    }

    private CollectionSchema(ModalityDefinition[] modalities, JointSpace? joint, AttributeField[] attributes)
    {
        _modalities = modalities;
        Joint = joint;
        _attributes = attributes;
    }

    /// <summary>The modalities, in declaration order.</summary>
    public IReadOnlyList<ModalityDefinition> Modalities => _modalities;

    /// <summary>The joint space, or <see langword="null"/> when the collection keeps none (early fusion then unavailable).</summary>
    public JointSpace? Joint { get; }

    /// <summary>The attribute fields, in declaration order.</summary>
    public IReadOnlyList<AttributeField> Attributes => _attributes;

    /// <summary>Adds a modality whose items and queries bring ready embeddings.</summary>
    /// <param name="modality">A modality not yet in the schema.</param>
    /// <param name="dimension">The vectors' length; 1 to 65,536.</param>
    /// <param name="metric">How vectors are compared.</param>
    /// <param name="index">How they are indexed; <see cref="IndexParameters.Default"/> when null.</param>
    /// <returns>A new schema.</returns>
    /// <exception cref="ArgumentException">The modality is default or already declared.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> or <paramref name="metric"/> is out of range.</exception>
    public CollectionSchema WithModality(Modality modality, int dimension, DistanceMetric metric = DistanceMetric.Cosine, IndexParameters? index = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 65_536);
        return Add(new ModalityDefinition(modality, dimension, ValidMetric(metric), index ?? IndexParameters.Default, null));
    }

    /// <summary>Adds a modality encoded by <paramref name="encoder"/> (its modality, dimension and identity are taken from it).</summary>
    /// <typeparam name="TInput">The raw input type items and queries give for this modality.</typeparam>
    /// <param name="encoder">The encoder; the collection records its identity and refuses another one on open.</param>
    /// <param name="metric">How vectors are compared.</param>
    /// <param name="index">How they are indexed; <see cref="IndexParameters.Default"/> when null.</param>
    /// <returns>A new schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoder"/> is null.</exception>
    /// <exception cref="ArgumentException">The encoder's modality is already declared.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is out of range.</exception>
    public CollectionSchema WithModality<TInput>(IEncoder<TInput> encoder, DistanceMetric metric = DistanceMetric.Cosine, IndexParameters? index = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Add(new ModalityDefinition(encoder.Modality, encoder.Dimension, ValidMetric(metric), index ?? IndexParameters.Default, ModalityEncoder.Create(encoder)));
    }

    /// <summary>Declares the joint space for early and hybrid fusion.</summary>
    /// <param name="weights">Declared modalities with positive finite weights, each at most once, in block order.</param>
    /// <returns>A new schema.</returns>
    /// <exception cref="ArgumentException">No weights, an undeclared or repeated modality, or a weight that is not positive and finite.</exception>
    public CollectionSchema WithJointSpace(params (Modality Modality, double Weight)[] weights) => WithJointSpace(IndexParameters.Default, weights);

    /// <summary>Declares the joint space for early and hybrid fusion with explicit index parameters.</summary>
    /// <param name="index">How joint vectors are indexed.</param>
    /// <param name="weights">Declared modalities with positive finite weights, each at most once, in block order.</param>
    /// <returns>A new schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> or <paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">No weights, an undeclared or repeated modality, or a weight that is not positive and finite.</exception>
    public CollectionSchema WithJointSpace(IndexParameters index, params (Modality Modality, double Weight)[] weights)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0)
        {
            throw new ArgumentException("A joint space needs at least one modality.", nameof(weights));
        }

        var seen = new HashSet<Modality>();
        var list = new List<KeyValuePair<Modality, double>>(weights.Length);
        foreach (var (modality, weight) in weights)
        {
            if (Find(modality) is null)
            {
                throw new ArgumentException($"The joint space names modality '{modality}', which the schema does not declare; declare it first.", nameof(weights));
            }

            if (!seen.Add(modality))
            {
                throw new ArgumentException($"The joint space names modality '{modality}' twice.", nameof(weights));
            }

            if (!double.IsFinite(weight) || weight <= 0)
            {
                throw new ArgumentException($"The joint weight of '{modality}' must be positive and finite; got {weight}.", nameof(weights));
            }

            list.Add(new(modality, weight));
        }

        return new CollectionSchema(_modalities, new JointSpace(list, index), _attributes);
    }

    /// <summary>Declares a typed attribute field that items may set and filters may test.</summary>
    /// <param name="name">A field name not yet declared.</param>
    /// <param name="type">The field's type.</param>
    /// <returns>A new schema.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public CollectionSchema WithAttribute(string name, AttributeType type)
    {
        var field = new AttributeField(name, type);
        if (_attributes.Any(a => a.Name == name))
        {
            throw new ArgumentException($"Attribute field '{name}' is already declared.", nameof(name));
        }

        return new CollectionSchema(_modalities, Joint, [.. _attributes, field]);
    }

    /// <summary>The definition of a modality, or <see langword="null"/> when the schema does not declare it.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The definition or null.</returns>
    public ModalityDefinition? Find(Modality modality)
    {
        foreach (ModalityDefinition definition in _modalities)
        {
            if (definition.Modality == modality)
            {
                return definition;
            }
        }

        return null;
    }

    internal ModalityDefinition Get(Modality modality) =>
        Find(modality) ?? throw new ArgumentException(
            $"Modality '{modality}' is not part of this collection; it has {string.Join(", ", _modalities.Select(m => m.Modality))}.");

    /// <summary>The same schema with one modality's encoder (and so dimension and identity) replaced.</summary>
    internal CollectionSchema WithReplacedEncoder<TInput>(IEncoder<TInput> encoder)
    {
        ModalityDefinition old = Get(encoder.Modality);
        var replaced = new ModalityDefinition(old.Modality, encoder.Dimension, old.Metric, old.Index, ModalityEncoder.Create(encoder));
        return new CollectionSchema([.. _modalities.Select(m => m.Modality == old.Modality ? replaced : m)], Joint, _attributes);
    }

    internal void ThrowIfUnusable()
    {
        if (_modalities.Length == 0)
        {
            throw new ArgumentException("A collection schema needs at least one modality.", "schema");
        }
    }

    private CollectionSchema Add(ModalityDefinition definition)
    {
        if (definition.Modality.IsDefault)
        {
            throw new ArgumentException("The modality is default-initialised; use Modality.Text, Modality.Image, Modality.Audio or new Modality(name).", "modality");
        }

        if (Find(definition.Modality) is not null)
        {
            throw new ArgumentException($"Modality '{definition.Modality}' is already declared.", "modality");
        }

        return new CollectionSchema([.. _modalities, definition], Joint, _attributes);
    }

    private static DistanceMetric ValidMetric(DistanceMetric metric) =>
        Enum.IsDefined(metric) ? metric : throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric.");
}
