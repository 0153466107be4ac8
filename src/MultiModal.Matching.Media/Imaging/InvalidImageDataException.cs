namespace MultiModal.Matching.Media.Imaging;

/// <summary>
/// Image data is corrupt, truncated where a partial decode is impossible, inconsistent, or exceeds
/// a limit from <see cref="ImageDecoderOptions"/> (for example a decompression bomb). The message
/// names the format and the check that failed.
/// </summary>
public sealed class InvalidImageDataException : ImageFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public InvalidImageDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause, for example a zlib error.</param>
    public InvalidImageDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
