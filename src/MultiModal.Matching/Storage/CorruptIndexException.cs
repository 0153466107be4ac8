namespace MultiModal.Matching.Storage;

/// <summary>
/// A stored collection file is damaged, truncated or was not written by this library: a header,
/// a checksum, a bounds check or a structural check failed. Nothing was changed by the operation
/// that raised it.
/// </summary>
/// <remarks>
/// <see cref="FilePath"/> names the file and <see cref="Check"/> the check that failed, so that
/// an operator can tell a torn copy from a disk error. Thread-safe (immutable).
/// </remarks>
public sealed class CorruptIndexException : IOException
{
    /// <summary>Creates the exception for a failed check on a file.</summary>
    /// <param name="filePath">The full path of the damaged file.</param>
    /// <param name="check">What was verified, e.g. "header checksum" or "vectors region bounds".</param>
    /// <param name="detail">Optional extra facts (expected and actual values).</param>
    public CorruptIndexException(string filePath, string check, string? detail = null)
        : base(FormatMessage(filePath, check, detail))
    {
        FilePath = filePath;
        Check = check;
    }

    /// <summary>Creates the exception for a failed check on a file, with the error that revealed it.</summary>
    /// <param name="filePath">The full path of the damaged file.</param>
    /// <param name="check">What was verified.</param>
    /// <param name="detail">Optional extra facts.</param>
    /// <param name="innerException">The error that revealed the damage.</param>
    public CorruptIndexException(string filePath, string check, string? detail, Exception innerException)
        : base(FormatMessage(filePath, check, detail), innerException)
    {
        FilePath = filePath;
        Check = check;
    }

    /// <summary>The full path of the damaged file.</summary>
    public string FilePath { get; }

    /// <summary>The check that failed, e.g. "header checksum".</summary>
    public string Check { get; }

    private static string FormatMessage(string filePath, string check, string? detail) =>
        detail is null
            ? $"Corrupt index file '{filePath}': {check} failed."
            : $"Corrupt index file '{filePath}': {check} failed ({detail}).";
}
