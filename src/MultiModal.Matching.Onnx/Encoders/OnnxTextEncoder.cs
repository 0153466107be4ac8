using System.Buffers;
using System.Globalization;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Onnx.Runtime;
using MultiModal.Matching.Onnx.Tokenizers;

namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// Embeds text with a user-supplied ONNX text model (a CLIP text tower, a BERT-style sentence model): tokenise,
/// feed <c>input_ids</c> (and <c>attention_mask</c> / <c>token_type_ids</c> when the model takes them, as int64 or
/// int32), run in batches, pool (the model's pooled output, [CLS], or the mean over the mask) and L2-normalise.
/// The identity includes the model file's SHA-256, the tokenizer and every setting.
/// </summary>
/// <remarks>Thread-safe: the tokenizer and the ONNX Runtime session both support concurrent use.</remarks>
public sealed class OnnxTextEncoder : EncoderBase<string>
{
    private readonly OnnxEncoderModel _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly OnnxTensorInfo _ids;
    private readonly OnnxTensorInfo? _mask;
    private readonly OnnxTensorInfo? _types;
    private readonly int _maxTokens;
    private readonly bool _fixedLength;
    private readonly int _batch;

    /// <summary>Loads the model.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="tokenizer">The model's tokenizer (<see cref="ClipBpeTokenizer"/>, <see cref="WordPieceTokenizer"/>, or your own).</param>
    /// <param name="options">Input/output names, pooling and batching; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokenizer"/> is null.</exception>
    /// <exception cref="ArgumentException">The model lacks the ids input, takes inputs this encoder cannot feed, or its output does not fit the pooling.</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="OnnxRuntimeNotFoundException">The ONNX Runtime native library was not found.</exception>
    /// <exception cref="OnnxExecutionProviderException">The requested execution provider is not available.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public OnnxTextEncoder(string modelPath, ITextTokenizer tokenizer, OnnxTextEncoderOptions? options = null)
        : this(Prepare(modelPath, tokenizer, options?.Clone() ?? new OnnxTextEncoderOptions()), tokenizer)
    {
    }

    private OnnxTextEncoder(Prepared p, ITextTokenizer tokenizer)
        : base(Modality.Text, p.Model.Dimension, p.Identity)
    {
        _model = p.Model;
        _tokenizer = tokenizer;
        _ids = p.Ids;
        _mask = p.Mask;
        _types = p.Types;
        _maxTokens = p.MaxTokens;
        _fixedLength = p.FixedLength;
        _batch = p.Model.BatchLimit(p.Ids, p.BatchSize);
    }

    /// <inheritdoc/>
    public override int MaxBatchSize => _batch;

    /// <summary>The model file's SHA-256 (lower-case hex).</summary>
    public string ModelSha256 => _model.ModelSha256;

    /// <inheritdoc/>
    protected override void EncodeCore(string input, Span<float> destination) => EncodeBatchCore([input], destination, CancellationToken.None);

    /// <inheritdoc/>
    protected override void EncodeBatchCore(ReadOnlySpan<string> inputs, Span<float> destination, CancellationToken cancellationToken)
    {
        int width = _maxTokens;
        for (int start = 0; start < inputs.Length; start += _batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(_batch, inputs.Length - start);
            long[] ids = ArrayPool<long>.Shared.Rent(count * width);
            long[] mask = ArrayPool<long>.Shared.Rent(count * width);
            long[] types = ArrayPool<long>.Shared.Rent(count * width);
            try
            {
                int longest = 0;
                for (int i = 0; i < count; i++)
                {
                    int n = _tokenizer.Encode(inputs[start + i], ids.AsSpan(i * width, width), mask.AsSpan(i * width, width), types.AsSpan(i * width, width));
                    longest = Math.Max(longest, n);
                }

                int seq = _fixedLength ? width : Math.Max(1, longest);
                if (seq < width)
                {
                    for (int i = 1; i < count; i++)
                    {
                        ids.AsSpan(i * width, seq).CopyTo(ids.AsSpan(i * seq, seq));
                        mask.AsSpan(i * width, seq).CopyTo(mask.AsSpan(i * seq, seq));
                        types.AsSpan(i * width, seq).CopyTo(types.AsSpan(i * seq, seq));
                    }
                }

                int total = count * seq;
                var tensors = new List<OnnxTensor>(3) { Tensor(_ids, ids, total, count, seq) };
                if (_mask is not null)
                {
                    tensors.Add(Tensor(_mask, mask, total, count, seq));
                }

                if (_types is not null)
                {
                    tensors.Add(Tensor(_types, types, total, count, seq));
                }

                using OnnxRunResult result = _model.Session.Run(tensors.ToArray(), [_model.Output.Name], cancellationToken);
                _model.Pool(result, count, mask.AsSpan(0, total), destination.Slice(start * Dimension, count * Dimension));
            }
            finally
            {
                ArrayPool<long>.Shared.Return(ids);
                ArrayPool<long>.Shared.Return(mask);
                ArrayPool<long>.Shared.Return(types);
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _model.Dispose();
        }

        base.Dispose(disposing);
    }

    private static OnnxTensor Tensor(OnnxTensorInfo input, long[] values, int total, int count, int seq)
    {
        if (input.ElementType == OnnxElementType.Int64)
        {
            return OnnxTensor.Create<long>(input.Name, values.AsMemory(0, total), [count, seq]);
        }

        int[] narrow = new int[total];
        for (int i = 0; i < total; i++)
        {
            narrow[i] = (int)values[i];
        }

        return OnnxTensor.Create<int>(input.Name, narrow.AsMemory(), [count, seq]);
    }

    private static Prepared Prepare(string modelPath, ITextTokenizer tokenizer, OnnxTextEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        OnnxEncoderModel model = OnnxEncoderModel.Open(modelPath, options.Session, options.OutputName, options.Pooling, options.Normalize);
        try
        {
            OnnxSession session = model.Session;
            OnnxTensorInfo ids = session.FindInput(options.InputIdsName)
                ?? throw new ArgumentException($"The model has no input '{options.InputIdsName}' for token ids; its inputs are: {string.Join(", ", session.Inputs.Select(i => i.Name))}. Set InputIdsName.", nameof(options));
            OnnxTensorInfo? mask = session.FindInput(options.AttentionMaskName);
            OnnxTensorInfo? types = session.FindInput(options.TokenTypeIdsName);
            foreach (OnnxTensorInfo input in session.Inputs)
            {
                if (input != ids && input != mask && input != types)
                {
                    throw new ArgumentException($"The model takes input '{input.Name}', which a text encoder cannot feed (it feeds {options.InputIdsName}, {options.AttentionMaskName}, {options.TokenTypeIdsName}).", nameof(options));
                }

                if (input.ElementType is not (OnnxElementType.Int64 or OnnxElementType.Int32) || input.Shape.Length != 2)
                {
                    throw new ArgumentException($"Input '{input.Name}' has {input.ElementType} {input.ShapeText}; token inputs are int64 or int32 [batch, tokens].", nameof(options));
                }
            }

            long declared = ids.Shape[1];
            int maxTokens = options.SequenceLength ?? (declared > 0 ? (int)declared : tokenizer.MaxLength);
            if (declared > 0 && declared != maxTokens)
            {
                throw new ArgumentException($"SequenceLength {maxTokens} does not match the model's fixed {declared} tokens.", nameof(options));
            }

            bool fixedLength = declared > 0 || options.SequenceLength is not null;
            var identity = EncoderIdentity.Create(options.Name, "1", string.Create(CultureInfo.InvariantCulture,
                $"{model.DescribeOutput()};tokenizer={tokenizer.GetType().FullName};max={tokenizer.MaxLength};seq={maxTokens};fixed={fixedLength};ids={ids.Name};mask={mask?.Name};types={types?.Name}"));
            return new Prepared(model, identity, ids, mask, types, maxTokens, fixedLength, options.BatchSize);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private sealed record Prepared(OnnxEncoderModel Model, EncoderIdentity Identity, OnnxTensorInfo Ids, OnnxTensorInfo? Mask, OnnxTensorInfo? Types, int MaxTokens, bool FixedLength, int BatchSize);
}
