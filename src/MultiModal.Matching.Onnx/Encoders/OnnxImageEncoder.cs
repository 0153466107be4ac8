using System.Buffers;
using System.Globalization;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;
using MultiModal.Matching.Onnx.Preprocessing;
using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// Embeds decoded images with a user-supplied ONNX image model (a CLIP image tower, or any model taking
/// <c>[batch, channels, height, width]</c> floats): resize so the shorter side fits (Media's antialiased bicubic
/// by default, as CLIP), centre-crop, normalise
/// with the configured mean and standard deviation, run in batches, pool and L2-normalise the chosen output.
/// The identity includes the model file's SHA-256 and every preprocessing setting.
/// </summary>
/// <remarks>Thread-safe: concurrent calls share one ONNX Runtime session, which supports concurrent runs.</remarks>
public sealed class OnnxImageEncoder : EncoderBase<RasterImage>
{
    private readonly OnnxEncoderModel _model;
    private readonly OnnxTensorInfo _input;
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly int _channels;
    private readonly int _height;
    private readonly int _width;
    private readonly int _batch;
    private readonly ResizeFilter _filter;

    /// <summary>Loads the model.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Preprocessing and output settings; CLIP's defaults when null.</param>
    /// <exception cref="ArgumentException">The model's input or output does not fit an image encoder, or a named input/output does not exist.</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="OnnxRuntimeNotFoundException">The ONNX Runtime native library was not found.</exception>
    /// <exception cref="OnnxExecutionProviderException">The requested execution provider is not available.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public OnnxImageEncoder(string modelPath, OnnxImageEncoderOptions? options = null)
        : this(Prepare(modelPath, options?.Clone() ?? new OnnxImageEncoderOptions()))
    {
    }

    private OnnxImageEncoder((OnnxEncoderModel Model, OnnxImageEncoderOptions Options, OnnxTensorInfo Input, int Channels, int Height, int Width) p)
        : base(Modality.Image, p.Model.Dimension, Identify(p))
    {
        _model = p.Model;
        _input = p.Input;
        _channels = p.Channels;
        _height = p.Height;
        _width = p.Width;
        _mean = Expand(p.Options.Mean, p.Channels);
        _std = Expand(p.Options.Std, p.Channels);
        _batch = p.Model.BatchLimit(p.Input, p.Options.BatchSize);
        _filter = p.Options.ResizeFilter;
    }

    /// <inheritdoc/>
    public override int MaxBatchSize => _batch;

    /// <summary>The model file's SHA-256 (lower-case hex).</summary>
    public string ModelSha256 => _model.ModelSha256;

    /// <inheritdoc/>
    protected override void EncodeCore(RasterImage input, Span<float> destination) => EncodeBatchCore([input], destination, CancellationToken.None);

    /// <inheritdoc/>
    protected override void EncodeBatchCore(ReadOnlySpan<RasterImage> inputs, Span<float> destination, CancellationToken cancellationToken)
    {
        int itemSize = _channels * _height * _width;
        for (int start = 0; start < inputs.Length; start += _batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(_batch, inputs.Length - start);
            float[] pixels = ArrayPool<float>.Shared.Rent(count * itemSize);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    ImagePreprocessing.ToTensor(inputs[start + i], _height, _width, _channels, _filter, _mean, _std, pixels.AsSpan(i * itemSize, itemSize));
                }

                OnnxTensor tensor = OnnxTensor.Create<float>(_input.Name, pixels.AsMemory(0, count * itemSize), [count, _channels, _height, _width]);
                using OnnxRunResult result = _model.Session.Run([tensor], [_model.Output.Name], cancellationToken);
                _model.Pool(result, count, [], destination.Slice(start * Dimension, count * Dimension));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(pixels);
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

    private static (OnnxEncoderModel, OnnxImageEncoderOptions, OnnxTensorInfo, int, int, int) Prepare(string modelPath, OnnxImageEncoderOptions options)
    {
        OnnxEncoderModel model = OnnxEncoderModel.Open(modelPath, options.Session, options.OutputName, options.Pooling, options.Normalize);
        try
        {
            OnnxSession session = model.Session;
            OnnxTensorInfo input = options.InputName is null
                ? session.Inputs[0]
                : session.FindInput(options.InputName) ?? throw new ArgumentException($"The model has no input '{options.InputName}'; its inputs are: {string.Join(", ", session.Inputs.Select(i => i.Name))}.", nameof(options));
            if (session.Inputs.Count != 1)
            {
                throw new ArgumentException($"An image model must take exactly one input; this one takes {session.Inputs.Count} ({string.Join(", ", session.Inputs.Select(i => i.Name))}).", nameof(modelPath));
            }

            if (input.ElementType != OnnxElementType.Float || input.Shape.Length != 4 || input.Shape[1] is not (1 or 3 or -1))
            {
                throw new ArgumentException($"Input '{input.Name}' has {input.ElementType} {input.ShapeText}; an image model takes float [batch, 1 or 3, height, width].", nameof(modelPath));
            }

            int channels = input.Shape[1] == 1 ? 1 : 3;
            int height = (int)(options.ImageSize ?? (input.Shape[2] > 0 ? input.Shape[2] : 224));
            int width = (int)(options.ImageSize ?? (input.Shape[3] > 0 ? input.Shape[3] : 224));
            if ((input.Shape[2] > 0 && input.Shape[2] != height) || (input.Shape[3] > 0 && input.Shape[3] != width))
            {
                throw new ArgumentException($"ImageSize {options.ImageSize} does not match the model's input {input.ShapeText}.", nameof(options));
            }

            if (options.Mean.Count != channels && options.Mean.Count != 1)
            {
                throw new ArgumentException($"The model takes {channels} channel(s) but Mean has {options.Mean.Count} values.", nameof(options));
            }

            if (options.Std.Count != channels && options.Std.Count != 1)
            {
                throw new ArgumentException($"The model takes {channels} channel(s) but Std has {options.Std.Count} values.", nameof(options));
            }

            return (model, options, input, channels, height, width);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static EncoderIdentity Identify((OnnxEncoderModel Model, OnnxImageEncoderOptions Options, OnnxTensorInfo Input, int Channels, int Height, int Width) p)
        => EncoderIdentity.Create(p.Options.Name, "1", string.Create(CultureInfo.InvariantCulture,
            $"{p.Model.DescribeOutput()};input={p.Input.Name};size={p.Height}x{p.Width};channels={p.Channels};mean={string.Join(',', p.Options.Mean)};std={string.Join(',', p.Options.Std)};resize={p.Options.ResizeFilter}-antialiased-cover;crop=centre"));

    private static float[] Expand(IReadOnlyList<float> values, int channels)
        => values.Count == channels ? [.. values] : Enumerable.Repeat(values[0], channels).ToArray();
}
