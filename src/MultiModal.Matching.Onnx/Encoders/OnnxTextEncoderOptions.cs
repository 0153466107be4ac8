namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// How <see cref="OnnxTextEncoder"/> feeds a text model and reads it. The input names default to the Hugging
/// Face export names (<c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>); the attention mask and type
/// ids are fed only when the model has those inputs. Setters validate; not thread-safe to mutate (the encoder
/// copies them).
/// </summary>
public sealed class OnnxTextEncoderOptions : OnnxEncoderOptions
{
    private string _inputIdsName = "input_ids";
    private string _attentionMaskName = "attention_mask";
    private string _tokenTypeIdsName = "token_type_ids";
    private int? _sequenceLength;

    /// <summary>Options with the defaults described on each property.</summary>
    public OnnxTextEncoderOptions()
        : base("mmm.onnx.text", 32)
    {
    }

    /// <summary>The input taking token ids (int64 or int32); "input_ids" by default.</summary>
    /// <exception cref="ArgumentException">Empty or whitespace.</exception>
    public string InputIdsName
    {
        get => _inputIdsName;
        set => _inputIdsName = NotBlank(value);
    }

    /// <summary>The input taking the attention mask, fed when the model has it; "attention_mask" by default.</summary>
    /// <exception cref="ArgumentException">Empty or whitespace.</exception>
    public string AttentionMaskName
    {
        get => _attentionMaskName;
        set => _attentionMaskName = NotBlank(value);
    }

    /// <summary>The input taking token type ids, fed when the model has it; "token_type_ids" by default.</summary>
    /// <exception cref="ArgumentException">Empty or whitespace.</exception>
    public string TokenTypeIdsName
    {
        get => _tokenTypeIdsName;
        set => _tokenTypeIdsName = NotBlank(value);
    }

    /// <summary>
    /// Tokens per text, special tokens included. Null (the default) takes the model's fixed sequence dimension
    /// (77 for CLIP exports), or, when it is dynamic, pads each batch only to its longest text, at most the
    /// tokenizer's <see cref="Tokenizers.ITextTokenizer.MaxLength"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 2.</exception>
    public int? SequenceLength
    {
        get => _sequenceLength;
        set
        {
            if (value is int length)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
            }

            _sequenceLength = value;
        }
    }

    /// <summary>An independent copy (the session options are copied too).</summary>
    /// <returns>The copy.</returns>
    public OnnxTextEncoderOptions Clone() => CloneCore<OnnxTextEncoderOptions>();

    private static string NotBlank(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value;
    }
}
