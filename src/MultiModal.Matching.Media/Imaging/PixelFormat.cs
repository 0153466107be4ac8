namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// The layout of one pixel in a <see cref="RasterImage"/>: which channels, in which order, and how many
/// bits per sample. Samples are interleaved; 16-bit samples are stored in the machine's byte order.
/// Colour values are not premultiplied by alpha.
/// </summary>
public enum PixelFormat
{
    /// <summary>One 8-bit grey sample per pixel.</summary>
    Gray8 = 0,

    /// <summary>8-bit grey then 8-bit alpha.</summary>
    GrayAlpha8 = 1,

    /// <summary>8-bit red, green, blue.</summary>
    Rgb8 = 2,

    /// <summary>8-bit red, green, blue, alpha.</summary>
    Rgba8 = 3,

    /// <summary>One 16-bit grey sample per pixel.</summary>
    Gray16 = 4,

    /// <summary>16-bit grey then 16-bit alpha.</summary>
    GrayAlpha16 = 5,

    /// <summary>16-bit red, green, blue.</summary>
    Rgb16 = 6,

    /// <summary>16-bit red, green, blue, alpha.</summary>
    Rgba16 = 7,
}
