namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>
/// Turns text into the fixed-length integer inputs a transformer text model takes: token ids, an attention mask
/// and token type (segment) ids. Implementations are thread-safe.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>The longest sequence produced, special tokens included.</summary>
    int MaxLength { get; }

    /// <summary>The id written into padding positions.</summary>
    long PaddingId { get; }

    /// <summary>
    /// Encodes <paramref name="text"/> with the model's special tokens, truncated to the length of
    /// <paramref name="inputIds"/> (at most <see cref="MaxLength"/>), and pads the rest.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="inputIds">Receives the token ids, padded with <see cref="PaddingId"/>.</param>
    /// <param name="attentionMask">Receives 1 for real tokens and 0 for padding; same length as <paramref name="inputIds"/>.</param>
    /// <param name="tokenTypeIds">Receives the segment ids (all 0 for one text); same length as <paramref name="inputIds"/>.</param>
    /// <returns>The number of real tokens written.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or are too short for the special tokens.</exception>
    int Encode(ReadOnlySpan<char> text, Span<long> inputIds, Span<long> attentionMask, Span<long> tokenTypeIds);
}
