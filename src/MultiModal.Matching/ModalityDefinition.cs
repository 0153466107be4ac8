using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// One modality of a collection: its vectors' dimension and metric, how they are indexed, and
/// optionally the encoder that turns raw inputs into those vectors.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class ModalityDefinition
{
    internal ModalityDefinition(Modality modality, int dimension, DistanceMetric metric, IndexParameters index, ModalityEncoder? encoder)
    {
        Modality = modality;
        Dimension = dimension;
        Metric = metric;
        Index = index;
        Encoder = encoder;
    }

    /// <summary>The modality.</summary>
    public Modality Modality { get; }

    /// <summary>The length of every vector of this modality.</summary>
    public int Dimension { get; }

    /// <summary>How vectors of this modality are compared.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>How vectors of this modality are indexed.</summary>
    public IndexParameters Index { get; }

    /// <summary>The identity of the encoder that builds this modality, or <see langword="null"/> when items bring ready embeddings.</summary>
    public EncoderIdentity? EncoderIdentity => Encoder?.Identity;

    /// <summary>The input type the encoder accepts, or <see langword="null"/> without an encoder.</summary>
    public Type? InputType => Encoder?.InputType;

    internal ModalityEncoder? Encoder { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Modality} (d={Dimension}, {Metric}, {Index.Kind}{(Encoder is null ? string.Empty : ", encoder " + Encoder.Identity)})";
}
