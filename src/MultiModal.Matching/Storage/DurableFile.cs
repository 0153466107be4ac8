using System.Runtime.InteropServices;

namespace MultiModal.Matching.Storage;

/// <summary>
/// fsync helpers: durable whole-file replacement (write a temporary file, fsync, rename over the
/// target, fsync the directory) and directory fsync.
/// </summary>
internal static partial class DurableFile
{
    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="contents"/>; after return the new contents survive a crash.</summary>
    public static void ReplaceAtomically(string path, string tempPath, ReadOnlySpan<byte> contents)
    {
        using (var stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(tempPath, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>
    /// Makes a directory's entries (created, renamed, deleted files) durable. On Linux and macOS this
    /// opens the directory and fsyncs it; on Windows, where directory handles cannot be flushed this
    /// way, NTFS journals the rename itself and this is a no-op.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Could not open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (FSync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
