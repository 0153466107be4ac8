using Microsoft.Extensions.AI;

namespace MultiModal.Matching.Encoding;

/// <summary>Adapters from Microsoft.Extensions.AI embedding generators to encoders.</summary>
public static class EncoderExtensions
{
    /// <summary>
    /// Returns <paramref name="generator"/> as an <see cref="IEncoder{TInput}"/>: the generator itself when it
    /// already is one with the same modality, dimension and identity, otherwise an
    /// <see cref="EmbeddingGeneratorEncoder{TInput}"/> that wraps it and checks its outputs.
    /// </summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <param name="generator">The generator.</param>
    /// <param name="modality">The modality it accepts.</param>
    /// <param name="dimension">The dimension it produces.</param>
    /// <param name="identity">Its identity.</param>
    /// <param name="maxBatchSize">The most inputs per call to the generator; 0 for no limit.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modality"/> or <paramref name="identity"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or <paramref name="maxBatchSize"/> is negative.</exception>
    public static IEncoder<TInput> AsEncoder<TInput>(
        this IEmbeddingGenerator<TInput, Embedding<float>> generator,
        Modality modality,
        int dimension,
        EncoderIdentity identity,
        int maxBatchSize = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator is IEncoder<TInput> encoder && encoder.Modality == modality &&
            encoder.Dimension == dimension && encoder.Identity == identity && maxBatchSize == 0)
        {
            return encoder;
        }

        return new EmbeddingGeneratorEncoder<TInput>(generator, modality, dimension, identity, maxBatchSize);
    }
}
