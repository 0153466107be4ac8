using Microsoft.Extensions.AI;

namespace MultiModal.Matching.Encoding;

/// <summary>
/// Turns inputs of one modality into fixed-length float vectors. An encoder is a
/// Microsoft.Extensions.AI <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> that also states
/// what it produces: the <see cref="Modality"/>, the <see cref="Dimension"/> of every vector, and an
/// <see cref="Identity"/> that a collection records so that it can refuse vectors made by a different encoder.
/// </summary>
/// <typeparam name="TInput">The input type (a string, decoded pixels, audio samples, a table row, …).</typeparam>
/// <remarks>
/// Every embedding an encoder returns has exactly <see cref="Dimension"/> finite values, one embedding per
/// input, in input order. Implementations state their own thread-safety; the built-in encoders are immutable
/// and safe to share between threads.
/// </remarks>
public interface IEncoder<in TInput> : IEmbeddingGenerator<TInput, Embedding<float>>
{
    /// <summary>The modality this encoder accepts.</summary>
    Modality Modality { get; }

    /// <summary>The length of every vector this encoder produces; greater than zero.</summary>
    int Dimension { get; }

    /// <summary>
    /// Name, version and configuration hash of this encoder. Two encoders with equal identities produce the
    /// same vector for the same input, so vectors from one may be compared with vectors from the other.
    /// </summary>
    EncoderIdentity Identity { get; }
}
