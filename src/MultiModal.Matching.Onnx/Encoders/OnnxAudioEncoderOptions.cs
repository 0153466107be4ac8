namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// How <see cref="OnnxAudioEncoder"/> feeds an audio model: clips are down-mixed to mono, resampled to
/// <see cref="SampleRate"/>, cut or zero-padded to the model's fixed length, and fed as a waveform or as
/// Whisper log-mel features. Setters validate; not
/// thread-safe to mutate (the encoder copies them).
/// </summary>
public sealed class OnnxAudioEncoderOptions : OnnxEncoderOptions
{
    private int _sampleRate = 16000;
    private int? _clipSamples;
    private OnnxAudioFeatures _features = OnnxAudioFeatures.Waveform;

    /// <summary>Options with the defaults described on each property.</summary>
    public OnnxAudioEncoderOptions()
        : base("mmm.onnx.audio", 8)
    {
    }

    /// <summary>The input taking the waveform, <c>[batch, samples]</c> or <c>[batch, 1, samples]</c>; null for the model's first input.</summary>
    public string? InputName { get; set; }

    /// <summary>The sample rate the model expects (16 kHz by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in 1 000 … 384 000.</exception>
    public int SampleRate
    {
        get => _sampleRate;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1000);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 384_000);
            _sampleRate = value;
        }
    }

    /// <summary>
    /// Samples per clip after resampling: longer clips are cut, shorter ones zero-padded. Null (the default)
    /// takes the model's fixed length (for log-mel: frames × 160); when that is dynamic, each clip runs at its own
    /// length (one per run).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1.</exception>
    public int? ClipSamples
    {
        get => _clipSamples;
        set
        {
            if (value is int samples)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
            }

            _clipSamples = value;
        }
    }

    /// <summary>Waveform (the default) or Whisper log-mel features; log-mel needs <see cref="SampleRate"/> 16 000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public OnnxAudioFeatures Features
    {
        get => _features;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined feature kind.");
            }

            _features = value;
        }
    }

    /// <summary>An independent copy (the session options are copied too).</summary>
    /// <returns>The copy.</returns>
    public OnnxAudioEncoderOptions Clone() => CloneCore<OnnxAudioEncoderOptions>();
}
