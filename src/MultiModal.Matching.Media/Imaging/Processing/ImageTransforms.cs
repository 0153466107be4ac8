namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>
/// Geometric operations on <see cref="RasterImage"/>: resize (bilinear, bicubic, area), resize of the
/// shorter side, and centre crop — the steps of CLIP-style preprocessing. Every method returns a new image
/// in the source's pixel format and leaves the source unchanged; all are thread-safe.
/// </summary>
public static partial class ImageTransforms
{
    /// <summary>
    /// Resizes to exactly <paramref name="width"/> × <paramref name="height"/> with a separable filter.
    /// Pixel centres sit at (i + 0.5); with <paramref name="antialias"/> the kernel widens by the scale factor
    /// when downscaling (as PIL's <c>Image.resize</c> and torchvision's antialiased resize do), otherwise it is
    /// plain interpolation (as OpenCV's INTER_LINEAR / INTER_CUBIC). Channels, alpha included, are filtered
    /// independently; results are rounded and clamped to the sample range.
    /// </summary>
    /// <param name="source">The image.</param>
    /// <param name="width">Output width, at least 1.</param>
    /// <param name="height">Output height, at least 1.</param>
    /// <param name="filter">The interpolation kernel.</param>
    /// <param name="antialias">Whether to widen the kernel when downscaling (default true).</param>
    /// <returns>The resized image, in the source's format.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or the output would exceed 2^31 bytes.</exception>
    public static RasterImage Resize(RasterImage source, int width, int height, ResizeFilter filter = ResizeFilter.Bilinear, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * height * source.Format.BytesPerPixel(), Array.MaxLength, nameof(width));
        if ((uint)filter > (uint)ResizeFilter.Area)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter, "Not a defined ResizeFilter.");
        }

        if (width == source.Width && height == source.Height)
        {
            return new RasterImage(width, height, source.Format, source.Pixels);
        }

        return Resampler.Resize(source, width, height, filter, antialias);
    }

    /// <summary>
    /// Resizes so that the shorter side becomes <paramref name="size"/>, keeping the aspect ratio; the longer
    /// side becomes ⌊size × long / short⌋ (torchvision's <c>Resize(int)</c> rule).
    /// </summary>
    /// <param name="source">The image.</param>
    /// <param name="size">The new length of the shorter side, at least 1.</param>
    /// <param name="filter">The interpolation kernel; CLIP uses <see cref="ResizeFilter.Bicubic"/>.</param>
    /// <param name="antialias">Whether to widen the kernel when downscaling (default true).</param>
    /// <returns>The resized image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public static RasterImage ResizeShorterSide(RasterImage source, int size, ResizeFilter filter = ResizeFilter.Bicubic, bool antialias = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        (int w, int h) = source.Width <= source.Height
            ? (size, (int)Math.Max(1, (long)size * source.Height / source.Width))
            : ((int)Math.Max(1, (long)size * source.Width / source.Height), size);
        return Resize(source, w, h, filter, antialias);
    }

    /// <summary>
    /// Cuts the centred <paramref name="width"/> × <paramref name="height"/> region; the offset is
    /// round((W − width) / 2) with ties to even, as torchvision's <c>CenterCrop</c>.
    /// </summary>
    /// <param name="source">The image.</param>
    /// <param name="width">Crop width, 1 to the image width.</param>
    /// <param name="height">Crop height, 1 to the image height.</param>
    /// <returns>The cropped image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1 or larger than the image.</exception>
    public static RasterImage CenterCrop(RasterImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, source.Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, source.Height);
        int left = (int)Math.Round((source.Width - width) / 2.0, MidpointRounding.ToEven);
        int top = (int)Math.Round((source.Height - height) / 2.0, MidpointRounding.ToEven);
        return Crop(source, left, top, width, height);
    }

    /// <summary>Cuts the region with top-left corner (<paramref name="left"/>, <paramref name="top"/>).</summary>
    /// <param name="source">The image.</param>
    /// <param name="left">First column, 0 or more.</param>
    /// <param name="top">First row, 0 or more.</param>
    /// <param name="width">Region width, at least 1.</param>
    /// <param name="height">Region height, at least 1.</param>
    /// <returns>The cropped image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The region is empty or not inside the image.</exception>
    public static RasterImage Crop(RasterImage source, int left, int top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)left + width, source.Width, nameof(width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)top + height, source.Height, nameof(height));
        int bpp = source.Format.BytesPerPixel();
        byte[] dst = GC.AllocateUninitializedArray<byte>(width * height * bpp);
        for (int y = 0; y < height; y++)
        {
            source.Pixels.Slice(((top + y) * source.Stride) + (left * bpp), width * bpp).CopyTo(dst.AsSpan(y * width * bpp));
        }

        return new RasterImage(width, height, source.Format, dst, ownsBuffer: true);
    }
}
