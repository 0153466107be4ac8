using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// The layout of joint vectors for early fusion: the concatenation of each modality's L2-normalised embedding
/// scaled by √wₘ (weights summing to 1). The dot product of two joint vectors is then Σ wₘ·cos(aₘ, bₘ), the
/// weighted sum of per-modality cosines. An item without a modality gets a zero block there.
/// </summary>
/// <remarks>
/// The collection builds each item's joint vector with <see cref="WriteItemVector"/> (or <see cref="CreateItemVector"/>)
/// and stores it in a joint index of metric <see cref="DistanceMetric.DotProduct"/> and dimension <see cref="Dimension"/>.
/// At query time early fusion builds the query's joint vector so that the dot product becomes Σ w′ₘ·cos over the
/// query's modalities, with w′ the per-query weights renormalised over the modalities the query has.
/// Immutable and thread-safe.
/// </remarks>
public sealed class JointLayout
{
    private readonly JointBlock[] _blocks;
    private readonly int[] _offsets;

    /// <summary>Creates a layout.</summary>
    /// <param name="blocks">The blocks, in order; modalities distinct, dimensions ≥ 1, weights positive and finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no block, a modality repeats or is default, a dimension is below 1, or a weight is not positive and finite.</exception>
    public JointLayout(IEnumerable<JointBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var given = blocks.ToArray();
        if (given.Length == 0)
        {
            throw new ArgumentException("A joint layout needs at least one block.", nameof(blocks));
        }

        double total = 0;
        for (int i = 0; i < given.Length; i++)
        {
            var b = given[i];
            if (b.Modality.IsDefault)
            {
                throw new ArgumentException("A block's modality is default-initialised.", nameof(blocks));
            }

            if (b.Dimension < 1)
            {
                throw new ArgumentException($"The {b.Modality} block has dimension {b.Dimension}; it must be at least 1.", nameof(blocks));
            }

            if (!float.IsFinite(b.Weight) || b.Weight <= 0)
            {
                throw new ArgumentException($"The {b.Modality} block has weight {b.Weight}; it must be positive and finite.", nameof(blocks));
            }

            for (int j = 0; j < i; j++)
            {
                if (given[j].Modality == b.Modality)
                {
                    throw new ArgumentException($"The modality '{b.Modality}' appears twice.", nameof(blocks));
                }
            }

            total += b.Weight;
        }

        _blocks = new JointBlock[given.Length];
        _offsets = new int[given.Length];
        int offset = 0;
        for (int i = 0; i < given.Length; i++)
        {
            _blocks[i] = given[i] with { Weight = (float)(given[i].Weight / total) };
            _offsets[i] = offset;
            offset = checked(offset + given[i].Dimension);
        }

        Dimension = offset;
    }

    /// <summary>The joint dimension: the sum of the block dimensions.</summary>
    public int Dimension { get; }

    /// <summary>The blocks, with weights renormalised to sum to 1.</summary>
    public IReadOnlyList<JointBlock> Blocks => _blocks;

    /// <summary>The position of a modality's block, or −1.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>The block index, or −1 when the layout has no such block.</returns>
    public int IndexOf(Modality modality)
    {
        for (int i = 0; i < _blocks.Length; i++)
        {
            if (_blocks[i].Modality == modality)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The offset of a block within the joint vector.</summary>
    /// <param name="block">The block index.</param>
    /// <returns>The offset of its first component.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="block"/> is out of range.</exception>
    public int GetOffset(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, _blocks.Length);
        return _offsets[block];
    }

    /// <summary>Writes one item's joint vector: every block the item has, normalised and scaled by √w; zeros elsewhere.</summary>
    /// <param name="embeddings">The item's embeddings by modality; modalities outside the layout are an error.</param>
    /// <param name="destination">A span of length <see cref="Dimension"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="embeddings"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination has the wrong length, a modality is not in the layout, an embedding has the wrong dimension or a non-finite component.</exception>
    public void WriteItemVector(IEnumerable<KeyValuePair<Modality, ReadOnlyMemory<float>>> embeddings, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination has length {destination.Length}; the joint dimension is {Dimension}.", nameof(destination));
        }

        destination.Clear();
        foreach (var pair in embeddings)
        {
            int block = IndexOf(pair.Key);
            if (block < 0)
            {
                throw new ArgumentException($"The joint layout has no block for modality '{pair.Key}'.", nameof(embeddings));
            }

            WriteBlock(block, pair.Value.Span, MathF.Sqrt(_blocks[block].Weight), destination, nameof(embeddings));
        }
    }

    /// <summary>Creates one item's joint vector (see <see cref="WriteItemVector"/>).</summary>
    /// <param name="embeddings">The item's embeddings by modality.</param>
    /// <returns>A new array of length <see cref="Dimension"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="embeddings"/> is null.</exception>
    /// <exception cref="ArgumentException">A modality is not in the layout, or an embedding has the wrong dimension or a non-finite component.</exception>
    public float[] CreateItemVector(IEnumerable<KeyValuePair<Modality, ReadOnlyMemory<float>>> embeddings)
    {
        var joint = new float[Dimension];
        WriteItemVector(embeddings, joint);
        return joint;
    }

    internal int BlockCount => _blocks.Length;

    internal JointBlock Block(int block) => _blocks[block];

    internal int Offset(int block) => _offsets[block];

    /// <summary>Writes block <paramref name="block"/> = normalise(embedding)·scale; a zero embedding leaves zeros.</summary>
    internal void WriteBlock(int block, ReadOnlySpan<float> embedding, float scale, Span<float> destination, string paramName)
    {
        var b = _blocks[block];
        if (embedding.Length != b.Dimension)
        {
            throw new ArgumentException($"The {b.Modality} embedding has dimension {embedding.Length}; the joint layout expects {b.Dimension}.", paramName);
        }

        var target = destination.Slice(_offsets[block], b.Dimension);
        embedding.CopyTo(target);
        for (int i = 0; i < target.Length; i++)
        {
            if (!float.IsFinite(target[i]))
            {
                throw new ArgumentException($"The {b.Modality} embedding has a NaN or infinite component.", paramName);
            }
        }

        float norm = VectorKernels.NormalizeInPlace(target);
        if (norm > 0 && scale != 1)
        {
            for (int i = 0; i < target.Length; i++)
            {
                target[i] *= scale;
            }
        }
    }

    internal static void Validate(JointLayout layout, IVectorIndex index, string paramName)
    {
        if (index.Metric != DistanceMetric.DotProduct)
        {
            throw new ArgumentException($"The joint index must use the dot-product metric so that its score is the weighted sum of cosines; it uses {index.Metric}.", paramName);
        }

        if (index.Dimension != layout.Dimension)
        {
            throw new ArgumentException($"The joint index has dimension {index.Dimension}; the layout has {layout.Dimension}.", paramName);
        }
    }
}
