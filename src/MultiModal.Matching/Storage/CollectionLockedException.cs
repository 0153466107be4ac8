namespace MultiModal.Matching.Storage;

/// <summary>
/// A collection could not be opened for writing because another writer (in this or another
/// process) holds its lock. Open it read-only instead, or retry after that writer closes.
/// </summary>
/// <remarks>Thread-safe (immutable).</remarks>
public sealed class CollectionLockedException : IOException
{
    /// <summary>Creates the exception for a locked collection directory.</summary>
    /// <param name="directory">The collection directory.</param>
    /// <param name="innerException">The operating system's refusal, if any.</param>
    public CollectionLockedException(string directory, Exception? innerException = null)
        : base($"The collection at '{directory}' is already open for writing by another writer.", innerException)
    {
        Directory = directory;
    }

    /// <summary>The collection directory whose writer lock is held.</summary>
    public string Directory { get; }
}
