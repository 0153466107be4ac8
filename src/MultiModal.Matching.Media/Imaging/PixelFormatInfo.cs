namespace MultiModal.Matching.Media.Imaging;

/// <summary>Facts about a <see cref="PixelFormat"/>: channel count, sample size, alpha.</summary>
public static class PixelFormatInfo
{
    /// <summary>The number of channels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA).</summary>
    /// <param name="format">The pixel format.</param>
    /// <returns>1 to 4.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PixelFormat"/>.</exception>
    public static int ChannelCount(this PixelFormat format) => ((int)Validate(format) & 3) + 1;

    /// <summary>The bits per sample: 8 or 16.</summary>
    /// <param name="format">The pixel format.</param>
    /// <returns>8 or 16.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PixelFormat"/>.</exception>
    public static int BitsPerSample(this PixelFormat format) => (int)Validate(format) >= 4 ? 16 : 8;

    /// <summary>The bytes one pixel occupies.</summary>
    /// <param name="format">The pixel format.</param>
    /// <returns>1 to 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PixelFormat"/>.</exception>
    public static int BytesPerPixel(this PixelFormat format) => format.ChannelCount() * (format.BitsPerSample() / 8);

    /// <summary>Whether the last channel is alpha.</summary>
    /// <param name="format">The pixel format.</param>
    /// <returns>True for the grey+alpha and RGBA formats.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PixelFormat"/>.</exception>
    public static bool HasAlpha(this PixelFormat format) => ((int)Validate(format) & 1) == 1;

    /// <summary>Whether the colour channels are red, green and blue (rather than grey).</summary>
    /// <param name="format">The pixel format.</param>
    /// <returns>True for the RGB and RGBA formats.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="PixelFormat"/>.</exception>
    public static bool IsColor(this PixelFormat format) => ((int)Validate(format) & 2) == 2;

    internal static PixelFormat Compose(bool color, bool alpha, bool sixteenBit)
        => (PixelFormat)((sixteenBit ? 4 : 0) | (color ? 2 : 0) | (alpha ? 1 : 0));

    private static PixelFormat Validate(PixelFormat format)
    {
        if ((uint)format > (uint)PixelFormat.Rgba16)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not a defined PixelFormat.");
        }

        return format;
    }
}
