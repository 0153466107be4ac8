namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// Limits and choices for <see cref="ImageDecoder"/>. The limits make hostile input (decompression bombs,
/// absurd header sizes) fail fast with <see cref="InvalidImageDataException"/> before memory is allocated.
/// </summary>
/// <remarks>An options object is not changed by decoding; share one between threads only if nobody mutates it.</remarks>
public sealed class ImageDecoderOptions
{
    private long _maxPixels = 100_000_000;
    private int _maxDimension = 65_535;
    private long _maxInputBytes = 512L * 1024 * 1024;

    /// <summary>The largest width × height accepted; default 100 million.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxPixels
    {
        get => _maxPixels;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxPixels = value;
        }
    }

    /// <summary>The largest width or height accepted; default 65,535.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxDimension
    {
        get => _maxDimension;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxDimension = value;
        }
    }

    /// <summary>The most bytes read from a stream; default 512 MiB.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxInputBytes
    {
        get => _maxInputBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxInputBytes = value;
        }
    }

    /// <summary>Whether a JPEG's EXIF orientation tag is applied (rotating/flipping the pixels); default true.</summary>
    public bool ApplyExifOrientation { get; set; } = true;

    /// <summary>Whether PNG chunk CRCs are verified; default true. A mismatch raises <see cref="InvalidImageDataException"/>.</summary>
    public bool VerifyPngCrc { get; set; } = true;

    /// <summary>
    /// Whether JPEG chroma is upsampled with libjpeg's "fancy" triangle filter (true, default, as djpeg and
    /// PIL do) or by replication (false, as Go's image/jpeg does). Applies to 2:1 horizontal and 2:1×2:1
    /// subsampling; other ratios always replicate.
    /// </summary>
    public bool JpegFancyUpsampling { get; set; } = true;

    /// <summary>A copy of these options.</summary>
    /// <returns>An independent options object with the same values.</returns>
    public ImageDecoderOptions Clone() => (ImageDecoderOptions)MemberwiseClone();

    internal static ImageDecoderOptions Default { get; } = new();
}
