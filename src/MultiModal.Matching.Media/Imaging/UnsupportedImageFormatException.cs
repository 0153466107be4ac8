namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// The data is in a format (GIF, TIFF, WebP, unknown) or uses a feature (for example arithmetic-coded
/// or lossless JPEG, 16-bit BMP) that this library does not decode. <see cref="Format"/> says what was
/// recognised.
/// </summary>
public sealed class UnsupportedImageFormatException : ImageFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="format">The format recognised from the data, or <see cref="ImageFormat.Unknown"/>.</param>
    /// <param name="message">What is not supported.</param>
    public UnsupportedImageFormatException(ImageFormat format, string message)
        : base(message)
    {
        Format = format;
    }

    /// <summary>The format recognised from the data, or <see cref="ImageFormat.Unknown"/>.</summary>
    public ImageFormat Format { get; }
}
