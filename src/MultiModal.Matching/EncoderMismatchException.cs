using MultiModal.Matching.Encoding;

namespace MultiModal.Matching;

/// <summary>
/// A collection was opened with an encoder other than the one that built one of its modalities.
/// Vectors from two encoders are not comparable, so mixing them is refused.
/// </summary>
/// <remarks>
/// To switch encoders, open with <see cref="MultiModalCollectionOptions.OnEncoderMismatch"/> set to
/// <see cref="EncoderMismatchHandling.AllowReindex"/> and call <c>ReindexModality</c> with the inputs to re-encode.
/// </remarks>
public sealed class EncoderMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="modality">The modality.</param>
    /// <param name="stored">The identity recorded in the collection.</param>
    /// <param name="supplied">The identity of the encoder in the schema.</param>
    public EncoderMismatchException(Modality modality, EncoderIdentity stored, EncoderIdentity supplied)
        : this(modality, stored, supplied, null)
    {
    }

    internal EncoderMismatchException(Modality modality, EncoderIdentity stored, EncoderIdentity supplied, string? detail)
        : base($"Modality '{modality}' was built by encoder {stored}, but the schema supplies {supplied}; their vectors are not comparable. " +
               (detail ?? $"Open with the original encoder, or open with MultiModalCollectionOptions.OnEncoderMismatch = AllowReindex and call " +
               $"ReindexModality to re-encode '{modality}' with the new encoder."))
    {
        Modality = modality;
        Stored = stored;
        Supplied = supplied;
    }

    /// <summary>The modality whose encoder differs.</summary>
    public Modality Modality { get; }

    /// <summary>The identity recorded in the collection.</summary>
    public EncoderIdentity Stored { get; }

    /// <summary>The identity of the schema's encoder.</summary>
    public EncoderIdentity Supplied { get; }
}
