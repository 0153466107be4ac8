namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>
/// Per-channel normalisation of RGB samples into floats: value = (sample / 255 − mean[c]) / std[c].
/// Immutable and thread-safe.
/// </summary>
public sealed class ImageNormalization
{
    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Creates a normalisation.</summary>
    /// <param name="mean">Three per-channel means (R, G, B) on the 0..1 scale.</param>
    /// <param name="std">Three per-channel standard deviations, each positive and finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument does not have three elements, or a value is not finite, or a std is not positive.</exception>
    public ImageNormalization(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != 3 || std.Count != 3)
        {
            throw new ArgumentException($"Mean and std need 3 values (R, G, B); got {mean.Count} and {std.Count}.", nameof(mean));
        }

        for (int c = 0; c < 3; c++)
        {
            if (!float.IsFinite(mean[c]) || !float.IsFinite(std[c]) || std[c] <= 0)
            {
                throw new ArgumentException($"Channel {c}: mean {mean[c]} must be finite and std {std[c]} finite and positive.", nameof(std));
            }
        }

        _mean = [mean[0], mean[1], mean[2]];
        _std = [std[0], std[1], std[2]];
    }

    /// <summary>OpenAI CLIP's statistics: mean (0.48145466, 0.4578275, 0.40821073), std (0.26862954, 0.26130258, 0.27577711).</summary>
    public static ImageNormalization Clip { get; } = new([0.48145466f, 0.4578275f, 0.40821073f], [0.26862954f, 0.26130258f, 0.27577711f]);

    /// <summary>The ImageNet statistics used by torchvision models: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static ImageNormalization ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Only scaling to 0..1: mean 0, std 1.</summary>
    public static ImageNormalization UnitRange { get; } = new([0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>The per-channel means.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The per-channel standard deviations.</summary>
    public IReadOnlyList<float> Std => _std;

    internal float Scale(int channel) => 1f / (255f * _std[channel]);

    internal float Offset(int channel) => -_mean[channel] / _std[channel];
}
