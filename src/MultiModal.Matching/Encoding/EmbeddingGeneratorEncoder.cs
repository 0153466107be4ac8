using Microsoft.Extensions.AI;

namespace MultiModal.Matching.Encoding;

/// <summary>
/// Adapts any Microsoft.Extensions.AI embedding generator (a hosted API, a local model, a test double) into an
/// <see cref="IEncoder{TInput}"/> by stating its modality, dimension and identity, and checks what it returns:
/// one embedding per input, each of exactly <see cref="Dimension"/> finite values.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <remarks>
/// Inputs are sent to the inner generator in batches of at most <see cref="MaxBatchSize"/> (many hosted APIs cap
/// the batch size); the cancellation token is passed through and also checked between batches. Options are
/// passed through unchanged. Thread-safety: as thread-safe as the inner generator.
/// </remarks>
public sealed class EmbeddingGeneratorEncoder<TInput> : DelegatingEmbeddingGenerator<TInput, Embedding<float>>, IEncoder<TInput>
{
    /// <summary>Wraps <paramref name="innerGenerator"/>.</summary>
    /// <param name="innerGenerator">The generator to adapt.</param>
    /// <param name="modality">The modality it accepts.</param>
    /// <param name="dimension">The dimension it produces (at least 1).</param>
    /// <param name="identity">Its identity, e.g. <c>EncoderIdentity.Create("openai.text-embedding-3-small", "1", "dim=1536")</c>.</param>
    /// <param name="maxBatchSize">The most inputs per call to the inner generator; 0 sends all inputs in one call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerGenerator"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modality"/> or <paramref name="identity"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or <paramref name="maxBatchSize"/> is negative.</exception>
    public EmbeddingGeneratorEncoder(
        IEmbeddingGenerator<TInput, Embedding<float>> innerGenerator,
        Modality modality,
        int dimension,
        EncoderIdentity identity,
        int maxBatchSize = 0)
        : base(innerGenerator)
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
        ArgumentOutOfRangeException.ThrowIfNegative(maxBatchSize);
        Modality = modality;
        Dimension = dimension;
        Identity = identity;
        MaxBatchSize = maxBatchSize;
    }

    /// <inheritdoc/>
    public Modality Modality { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public EncoderIdentity Identity { get; }

    /// <summary>The most inputs per call to the inner generator; 0 means no limit.</summary>
    public int MaxBatchSize { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The inner generator returned a different number of embeddings than inputs, or an embedding of the wrong dimension or with a NaN or infinite value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        TInput[] inputs = values as TInput[] ?? values.ToArray();
        int batch = MaxBatchSize == 0 ? Math.Max(1, inputs.Length) : MaxBatchSize;
        if (inputs.Length <= batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GeneratedEmbeddings<Embedding<float>> single = await base.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
            Validate(single, inputs.Length);
            return single;
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        for (int start = 0; start < inputs.Length; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, inputs.Length - start);
            GeneratedEmbeddings<Embedding<float>> part = await base.GenerateAsync(
                new ArraySegment<TInput>(inputs, start, count), options, cancellationToken).ConfigureAwait(false);
            Validate(part, count);
            result.AddRange(part);
            if (part.Usage is { } usage)
            {
                result.Usage ??= new UsageDetails();
                result.Usage.Add(usage);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>Also answers this encoder's <see cref="EncoderIdentity"/> when no key is given.</remarks>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(EncoderIdentity))
        {
            return Identity;
        }

        return base.GetService(serviceType, serviceKey);
    }

    private void Validate(GeneratedEmbeddings<Embedding<float>> embeddings, int expected)
    {
        if (embeddings is null || embeddings.Count != expected)
        {
            throw new InvalidOperationException(
                $"Encoder '{Identity}' returned {embeddings?.Count ?? 0} embeddings for {expected} inputs.");
        }

        for (int i = 0; i < embeddings.Count; i++)
        {
            ReadOnlySpan<float> v = embeddings[i].Vector.Span;
            if (v.Length != Dimension)
            {
                throw new InvalidOperationException(
                    $"Encoder '{Identity}' returned an embedding of dimension {v.Length} at position {i}; it states dimension {Dimension}.");
            }

            foreach (float x in v)
            {
                if (!float.IsFinite(x))
                {
                    throw new InvalidOperationException(
                        $"Encoder '{Identity}' returned a NaN or infinite value in the embedding at position {i}.");
                }
            }
        }
    }
}
