using Microsoft.Extensions.AI;

namespace MultiModal.Matching.Encoding;

/// <summary>
/// A base for encoders that compute vectors in-process (the built-in feature encoders, ONNX models):
/// derived classes write one input's vector into a caller's buffer in <see cref="EncodeCore"/>, and may
/// override <see cref="EncodeBatchCore"/> to process a batch at once. This class supplies the
/// Microsoft.Extensions.AI surface, argument validation, batching by <see cref="MaxBatchSize"/>, and
/// cancellation between batches.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <remarks>
/// <see cref="GenerateAsync"/> runs synchronously on the calling thread (the work is CPU-bound) and returns a
/// completed task; it allocates one array per batch, which the returned embeddings share. The synchronous
/// <see cref="Encode"/> and <see cref="EncodeBatch"/> write into the caller's memory and allocate nothing
/// beyond what the derived class does. Thread-safety: safe for concurrent use when the derived class's
/// <see cref="EncodeCore"/> is (all built-in encoders are).
/// </remarks>
public abstract class EncoderBase<TInput> : IEncoder<TInput>
{
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initialises the encoder's description.</summary>
    /// <param name="modality">The modality accepted.</param>
    /// <param name="dimension">The output dimension (at least 1).</param>
    /// <param name="identity">The encoder's identity.</param>
    /// <exception cref="ArgumentException"><paramref name="modality"/> or <paramref name="identity"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1.</exception>
    protected EncoderBase(Modality modality, int dimension, EncoderIdentity identity)
    {
        if (modality.IsDefault)
        {
            throw new ArgumentException("The modality must be named.", nameof(modality));
        }

        if (identity.IsDefault)
        {
            throw new ArgumentException("The encoder identity must be set.", nameof(identity));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Modality = modality;
        Dimension = dimension;
        Identity = identity;
        _metadata = new EmbeddingGeneratorMetadata("MultiModal.Matching", providerUri: null, identity.Name, dimension);
    }

    /// <inheritdoc/>
    public Modality Modality { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public EncoderIdentity Identity { get; }

    /// <summary>How many inputs <see cref="GenerateAsync"/> hands to <see cref="EncodeBatchCore"/> at once; 64 unless overridden.</summary>
    public virtual int MaxBatchSize => 64;

    /// <summary>Writes the vector of one input into <paramref name="destination"/>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="destination">Exactly <see cref="Dimension"/> floats.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have <see cref="Dimension"/> elements, or the input is invalid for this encoder.</exception>
    public void Encode(TInput input, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination must hold exactly {Dimension} floats; it holds {destination.Length}.", nameof(destination));
        }

        EncodeCore(input, destination);
    }

    /// <summary>Writes the vectors of several inputs, row after row, into <paramref name="destination"/>.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="destination">Exactly <c>inputs.Length × Dimension</c> floats; row <c>i</c> receives input <c>i</c>.</param>
    /// <param name="cancellationToken">Checked before the work starts and between inputs by the default implementation.</param>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length, or an input is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void EncodeBatch(ReadOnlySpan<TInput> inputs, Span<float> destination, CancellationToken cancellationToken = default)
    {
        if ((long)inputs.Length * Dimension != destination.Length)
        {
            throw new ArgumentException($"The destination must hold {inputs.Length} × {Dimension} floats; it holds {destination.Length}.", nameof(destination));
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        EncodeBatchCore(inputs, destination, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for a dimension other than <see cref="Dimension"/>, or an input is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is int requested && requested != Dimension)
        {
            throw new ArgumentException($"This encoder produces {Dimension} dimensions; {requested} were requested.", nameof(options));
        }

        cancellationToken.ThrowIfCancellationRequested();
        TInput[] inputs = values as TInput[] ?? values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        int batch = Math.Max(1, MaxBatchSize);
        for (int start = 0; start < inputs.Length; start += batch)
        {
            int count = Math.Min(batch, inputs.Length - start);
            var buffer = new float[count * Dimension];
            EncodeBatch(inputs.AsSpan(start, count), buffer, cancellationToken);
            for (int i = 0; i < count; i++)
            {
                result.Add(new Embedding<float>(new ReadOnlyMemory<float>(buffer, i * Dimension, Dimension)) { ModelId = Identity.Name });
            }
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc/>
    /// <remarks>Answers this encoder for <see cref="IEncoder{TInput}"/> and its base types, its
    /// <see cref="EncoderIdentity"/>, and an <see cref="EmbeddingGeneratorMetadata"/>, when no key is given.</remarks>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EncoderIdentity))
        {
            return Identity;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the encoder's resources.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the vector of one valid input into a buffer of exactly <see cref="Dimension"/> floats.</summary>
    /// <param name="input">The input; not null.</param>
    /// <param name="destination">Exactly <see cref="Dimension"/> floats, with unspecified content on entry.</param>
    protected abstract void EncodeCore(TInput input, Span<float> destination);

    /// <summary>
    /// Writes the vectors of a batch of non-null inputs. The default calls <see cref="EncodeCore"/> for each
    /// input, checking <paramref name="cancellationToken"/> between inputs; override to batch for real.
    /// </summary>
    /// <param name="inputs">The inputs; none null.</param>
    /// <param name="destination">Exactly <c>inputs.Length × Dimension</c> floats.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    protected virtual void EncodeBatchCore(ReadOnlySpan<TInput> inputs, Span<float> destination, CancellationToken cancellationToken)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EncodeCore(inputs[i], destination.Slice(i * Dimension, Dimension));
        }
    }

    /// <summary>Releases resources; the base has none.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
