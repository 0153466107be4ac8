namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// The base of the exceptions the image decoders throw for data they cannot turn into pixels:
/// <see cref="InvalidImageDataException"/> (corrupt, truncated or hostile data) and
/// <see cref="UnsupportedImageFormatException"/> (a format or feature this library does not decode).
/// Catch this type to handle both.
/// </summary>
public abstract class ImageFormatException : FormatException
{
    private protected ImageFormatException(string message)
        : base(message)
    {
    }

    private protected ImageFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
