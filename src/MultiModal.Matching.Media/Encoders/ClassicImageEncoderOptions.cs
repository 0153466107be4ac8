using System.Globalization;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>
/// Settings of <see cref="ClassicImageEncoder"/>. Every setting shapes the vectors, so each is part of the
/// encoder's identity hash. Validated when the encoder is built; the encoder keeps its own copy.
/// </summary>
public sealed class ClassicImageEncoderOptions
{
    /// <summary>The side of the square working image every input is resized to (area filter); default 128, range 16..1024.</summary>
    public int WorkingSize { get; set; } = 128;

    /// <summary>Cells per side of the colour-histogram grid; default 3 (3×3 cells), range 1..8.</summary>
    public int ColorGrid { get; set; } = 3;

    /// <summary>Hue bins of the chromatic part of each colour histogram; default 8, range 4..36.</summary>
    public int HueBins { get; set; } = 8;

    /// <summary>Cells per side of the gradient-orientation grid; default 4 (4×4 cells), range 1..16.</summary>
    public int GradientGrid { get; set; } = 4;

    /// <summary>Unsigned orientation bins over 0..180°; default 9 (as HOG), range 4..36.</summary>
    public int OrientationBins { get; set; } = 9;

    /// <summary>Side of the grey thumbnail signature; default 8 (64 values), range 2..32.</summary>
    public int ThumbnailSize { get; set; } = 8;

    /// <summary>Weight of the colour block in the final vector; default 1. Zero removes its influence.</summary>
    public float ColorWeight { get; set; } = 1f;

    /// <summary>Weight of the gradient block; default 1.</summary>
    public float GradientWeight { get; set; } = 1f;

    /// <summary>Weight of the thumbnail block; default 1.</summary>
    public float ThumbnailWeight { get; set; } = 1f;

    /// <summary>A copy of these options.</summary>
    /// <returns>An independent copy.</returns>
    public ClassicImageEncoderOptions Clone() => (ClassicImageEncoderOptions)MemberwiseClone();

    internal int ChromaticBinsPerCell => HueBins * 4;

    internal int ColorBinsPerCell => ChromaticBinsPerCell + ImageFeatures.HsvHistogram.GrayBins;

    internal int ColorLength => ColorGrid * ColorGrid * ColorBinsPerCell;

    internal int GradientLength => GradientGrid * GradientGrid * OrientationBins;

    internal int ThumbnailLength => ThumbnailSize * ThumbnailSize;

    internal int Dimension => ColorLength + GradientLength + ThumbnailLength;

    internal void Validate()
    {
        Check(WorkingSize, 16, 1024, nameof(WorkingSize));
        Check(ColorGrid, 1, 8, nameof(ColorGrid));
        Check(HueBins, 4, 36, nameof(HueBins));
        Check(GradientGrid, 1, 16, nameof(GradientGrid));
        Check(OrientationBins, 4, 36, nameof(OrientationBins));
        Check(ThumbnailSize, 2, 32, nameof(ThumbnailSize));
        if (GradientGrid > WorkingSize / 4 || ColorGrid > WorkingSize / 4 || ThumbnailSize > WorkingSize)
        {
            throw new ArgumentOutOfRangeException(nameof(WorkingSize), WorkingSize, "The working image must have at least 4 pixels per grid cell and be no smaller than the thumbnail.");
        }

        foreach ((float w, string name) in new[] { (ColorWeight, nameof(ColorWeight)), (GradientWeight, nameof(GradientWeight)), (ThumbnailWeight, nameof(ThumbnailWeight)) })
        {
            if (!float.IsFinite(w) || w < 0)
            {
                throw new ArgumentOutOfRangeException(name, w, "A block weight must be finite and non-negative.");
            }
        }

        if (ColorWeight + GradientWeight + ThumbnailWeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ColorWeight), "At least one block weight must be positive.");
        }
    }

    internal string Canonical() => string.Create(
        CultureInfo.InvariantCulture,
        $"work={WorkingSize};cgrid={ColorGrid};hue={HueBins};ggrid={GradientGrid};orient={OrientationBins};thumb={ThumbnailSize};w={ColorWeight:R},{GradientWeight:R},{ThumbnailWeight:R}");

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in {min}..{max}.");
        }
    }
}
