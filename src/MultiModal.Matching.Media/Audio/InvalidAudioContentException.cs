namespace MultiModal.Matching.Media.Audio;

/// <summary>
/// Audio data is corrupt, truncated beyond use, larger than the configured limit, or in an encoding this
/// library does not decode. The message names the source (when known) and the check that failed.
/// </summary>
public sealed class InvalidAudioContentException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InvalidAudioContentException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public InvalidAudioContentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidAudioContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
