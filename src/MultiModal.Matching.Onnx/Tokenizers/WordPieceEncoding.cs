namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>The model inputs for one text or text pair, unpadded: <c>[CLS] a [SEP]</c> or <c>[CLS] a [SEP] b [SEP]</c>.</summary>
public sealed class WordPieceEncoding
{
    internal WordPieceEncoding(long[] inputIds, long[] tokenTypeIds, long[] attentionMask)
    {
        InputIds = inputIds;
        TokenTypeIds = tokenTypeIds;
        AttentionMask = attentionMask;
    }

    /// <summary>The token ids.</summary>
    public IReadOnlyList<long> InputIds { get; }

    /// <summary>0 for the first text and its separators, 1 for the second text and the final [SEP].</summary>
    public IReadOnlyList<long> TokenTypeIds { get; }

    /// <summary>1 for every token (there is no padding here).</summary>
    public IReadOnlyList<long> AttentionMask { get; }
}
