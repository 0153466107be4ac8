namespace MultiModal.Matching.Storage;

/// <summary>
/// The one-writer-per-directory lock: the LOCK file opened with <see cref="FileShare.None"/>,
/// which .NET maps to an exclusive <c>flock</c> on Unix and a sharing mode on Windows, so it
/// holds across processes and is released by the OS when the holder dies (even by SIGKILL).
/// </summary>
internal sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="directory"/> without waiting.</summary>
    /// <exception cref="CollectionLockedException">Another writer holds it.</exception>
    public static WriterLock Acquire(string directory)
    {
        string path = Path.Combine(directory, StorageFormat.LockFileName);
        try
        {
            return new WriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new CollectionLockedException(directory, e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
