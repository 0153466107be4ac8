using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// How <see cref="OnnxImageEncoder"/> prepares images and reads the model. Defaults are CLIP's: 224 × 224,
/// bicubic resize, RGB, CLIP's mean and standard deviation, the first output, L2-normalised. Setters validate; not thread-safe to
/// mutate (the encoder copies them).
/// </summary>
public sealed class OnnxImageEncoderOptions : OnnxEncoderOptions
{
    private static readonly float[] s_clipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] s_clipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    private float[] _mean = s_clipMean;
    private float[] _std = s_clipStd;
    private int? _imageSize;
    private ResizeFilter _resizeFilter = ResizeFilter.Bicubic;

    /// <summary>Options with the defaults described on each property.</summary>
    public OnnxImageEncoderOptions()
        : base("mmm.onnx.image", 16)
    {
    }

    /// <summary>The model input that takes <c>[batch, channels, height, width]</c> pixels; null for the model's first input.</summary>
    public string? InputName { get; set; }

    /// <summary>
    /// The side of the square crop; null (the default) takes the model's declared height and width, or 224 when
    /// they are dynamic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 4096.</exception>
    public int? ImageSize
    {
        get => _imageSize;
        set
        {
            if (value is int size)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 4096);
            }

            _imageSize = value;
        }
    }

    /// <summary>Per-channel mean in [0, 1] units (3 values, or 1 for a single-channel model); CLIP's by default.</summary>
    /// <exception cref="ArgumentException">Not 1 or 3 finite values.</exception>
    public IReadOnlyList<float> Mean
    {
        get => _mean;
        set => _mean = CheckChannels(value, nameof(Mean), positive: false);
    }

    /// <summary>Per-channel standard deviation (3 values, or 1 for a single-channel model); CLIP's by default.</summary>
    /// <exception cref="ArgumentException">Not 1 or 3 finite positive values.</exception>
    public IReadOnlyList<float> Std
    {
        get => _std;
        set => _std = CheckChannels(value, nameof(Std), positive: true);
    }

    /// <summary>The resize filter (antialiased when shrinking); bicubic by default, as CLIP's preprocessing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined filter.</exception>
    public ResizeFilter ResizeFilter
    {
        get => _resizeFilter;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined resize filter.");
            }

            _resizeFilter = value;
        }
    }

    /// <summary>An independent copy (the session options are copied too).</summary>
    /// <returns>The copy.</returns>
    public OnnxImageEncoderOptions Clone() => CloneCore<OnnxImageEncoderOptions>();

    private static float[] CheckChannels(IReadOnlyList<float> values, string name, bool positive)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count is not (1 or 3) || values.Any(v => !float.IsFinite(v) || (positive && v <= 0)))
        {
            throw new ArgumentException($"{name} needs 1 or 3 finite{(positive ? " positive" : string.Empty)} values.", name);
        }

        return [.. values];
    }
}
