using System.Buffers;
using System.Globalization;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Dsp;
using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// Embeds audio clips with a user-supplied ONNX audio model: down-mix to mono, resample to the model's rate, cut
/// or zero-pad to its length, feed the waveform (a CLAP-style tower exported with its feature extractor inside,
/// wav2vec-style models) or Whisper log-mel features <c>[batch, mels, frames]</c> (Whisper-style encoders), run in
/// batches, pool and L2-normalise. The identity includes the model
/// file's SHA-256 and every setting.
/// </summary>
/// <remarks>
/// Thread-safe.
/// </remarks>
public sealed class OnnxAudioEncoder : EncoderBase<AudioClip>
{
    private readonly OnnxEncoderModel _model;
    private readonly OnnxTensorInfo _input;
    private readonly int _sampleRate;
    private readonly int? _samples;
    private readonly int _batch;
    private readonly WhisperLogMel? _logMel;

    /// <summary>Loads the model.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Rate, length and output settings; defaults when null.</param>
    /// <exception cref="ArgumentException">The model's input does not take a float waveform, or a named input/output does not exist.</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="OnnxRuntimeNotFoundException">The ONNX Runtime native library was not found.</exception>
    /// <exception cref="OnnxExecutionProviderException">The requested execution provider is not available.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public OnnxAudioEncoder(string modelPath, OnnxAudioEncoderOptions? options = null)
        : this(Prepare(modelPath, options?.Clone() ?? new OnnxAudioEncoderOptions()))
    {
    }

    private OnnxAudioEncoder(Prepared p)
        : base(Modality.Audio, p.Model.Dimension, p.Identity)
    {
        _model = p.Model;
        _input = p.Input;
        _sampleRate = p.SampleRate;
        _samples = p.Samples;
        _batch = p.Samples is null ? 1 : p.Model.BatchLimit(p.Input, p.BatchSize);
        _logMel = p.Mels > 0 ? new WhisperLogMel(p.Mels) : null;
    }

    /// <inheritdoc/>
    public override int MaxBatchSize => _batch;

    /// <summary>The model file's SHA-256 (lower-case hex).</summary>
    public string ModelSha256 => _model.ModelSha256;

    /// <inheritdoc/>
    protected override void EncodeCore(AudioClip input, Span<float> destination) => EncodeBatchCore([input], destination, CancellationToken.None);

    /// <inheritdoc/>
    protected override void EncodeBatchCore(ReadOnlySpan<AudioClip> inputs, Span<float> destination, CancellationToken cancellationToken)
    {
        for (int start = 0; start < inputs.Length; start += _batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(_batch, inputs.Length - start);
            ReadOnlyMemory<float> first = Prepare(inputs[start]);
            int length = _samples ?? first.Length;
            float[] waves = ArrayPool<float>.Shared.Rent(count * length);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<float> wave = (i == 0 ? first : Prepare(inputs[start + i])).Span;
                    Span<float> row = waves.AsSpan(i * length, length);
                    int copy = Math.Min(wave.Length, length);
                    wave[..copy].CopyTo(row);
                    row[copy..].Clear();
                }

                OnnxTensor tensor = _logMel is null
                    ? OnnxTensor.Create<float>(_input.Name, waves.AsMemory(0, count * length), _input.Shape.Length == 3 ? [count, 1, length] : [count, length])
                    : LogMel(waves, count, length);
                using OnnxRunResult result = _model.Session.Run([tensor], [_model.Output.Name], cancellationToken);
                _model.Pool(result, count, [], destination.Slice(start * Dimension, count * Dimension));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(waves);
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

    private OnnxTensor LogMel(float[] waves, int count, int length)
    {
        WhisperLogMel logMel = _logMel!;
        int frames = logMel.FrameCount(length);
        int itemSize = logMel.MelCount * frames;
        float[] features = new float[count * itemSize];
        for (int i = 0; i < count; i++)
        {
            logMel.Compute(waves.AsSpan(i * length, length), features.AsSpan(i * itemSize, itemSize), padToChunk: false);
        }

        return OnnxTensor.Create<float>(_input.Name, features.AsMemory(), [count, logMel.MelCount, frames]);
    }

    private ReadOnlyMemory<float> Prepare(AudioClip clip)
    {
        AudioClip mono = clip.Channels == 1 ? clip : clip.ToMono();
        if (mono.SampleRate != _sampleRate)
        {
            mono = AudioResampler.Resample(mono, _sampleRate);
        }

        if (mono.Samples.IsEmpty)
        {
            throw new ArgumentException("The audio clip has no samples.", nameof(clip));
        }

        return mono.Samples;
    }

    private static Prepared Prepare(string modelPath, OnnxAudioEncoderOptions options)
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
                throw new ArgumentException($"An audio model must take exactly one input; this one takes {session.Inputs.Count} ({string.Join(", ", session.Inputs.Select(i => i.Name))}).", nameof(modelPath));
            }

            bool logMel = options.Features == OnnxAudioFeatures.WhisperLogMel;
            int mels = 0;
            long declared;
            if (logMel)
            {
                if (input.ElementType != OnnxElementType.Float || input.Shape.Length != 3)
                {
                    throw new ArgumentException($"Input '{input.Name}' has {input.ElementType} {input.ShapeText}; a log-mel model takes float [batch, mels, frames].", nameof(modelPath));
                }

                if (options.SampleRate != WhisperLogMel.SampleRate)
                {
                    throw new ArgumentException($"Whisper log-mel features are computed at {WhisperLogMel.SampleRate} Hz; SampleRate is {options.SampleRate}.", nameof(options));
                }

                mels = input.Shape[1] > 0 ? (int)input.Shape[1] : 80;
                declared = input.Shape[2] > 0 ? input.Shape[2] * WhisperLogMel.HopLength : -1;
            }
            else
            {
                bool shapeOk = input.Shape.Length == 2 || (input.Shape.Length == 3 && input.Shape[1] is 1 or -1);
                if (input.ElementType != OnnxElementType.Float || !shapeOk)
                {
                    throw new ArgumentException($"Input '{input.Name}' has {input.ElementType} {input.ShapeText}; a waveform model takes float [batch, samples] or [batch, 1, samples] (or set Features to WhisperLogMel).", nameof(modelPath));
                }

                declared = input.Shape[^1];
            }

            int? samples = options.ClipSamples ?? (declared > 0 ? (int)declared : null);
            if (declared > 0 && samples != declared)
            {
                throw new ArgumentException($"ClipSamples {samples} does not match the model's fixed {declared} samples.", nameof(options));
            }

            var identity = EncoderIdentity.Create(options.Name, "1", string.Create(CultureInfo.InvariantCulture,
                $"{model.DescribeOutput()};input={input.Name};rate={options.SampleRate};samples={samples?.ToString(CultureInfo.InvariantCulture) ?? "dynamic"};features={options.Features};mels={mels};mono=mean"));
            return new Prepared(model, identity, input, options.SampleRate, samples, options.BatchSize, mels);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private sealed record Prepared(OnnxEncoderModel Model, EncoderIdentity Identity, OnnxTensorInfo Input, int SampleRate, int? Samples, int BatchSize, int Mels);
}
