using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace MultiModal.Matching.Storage;

/// <summary>
/// A whole file mapped read-only. Every access names a byte range that is checked against the
/// mapping's length before a pointer is formed, so a hostile offset cannot reach outside it.
/// </summary>
/// <remarks>
/// Files are mapped with sharing that lets a writer delete (unlink) them while they stay mapped.
/// Spans handed out are valid until <see cref="Dispose"/>. Thread-safe for reads.
/// </remarks>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeMemoryMappedViewHandle _handle;
    private byte* _pointer;

    private MappedFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        _map = map;
        _view = view;
        Length = length;
        _handle = view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        _handle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    /// <summary>The file's full path (named in corruption errors).</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes when it was mapped.</summary>
    public long Length { get; }

    /// <summary>Maps <paramref name="path"/> read-only; a file shorter than <paramref name="minimumLength"/> is corrupt.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CorruptIndexException">The file is shorter than <paramref name="minimumLength"/>.</exception>
    public static MappedFile Open(string path, long minimumLength)
    {
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? map = null;
        try
        {
            long length = RandomAccess.GetLength(handle);
            if (length < Math.Max(1, minimumLength))
            {
                throw new CorruptIndexException(path, "file length", $"{length} bytes, at least {minimumLength} expected");
            }

            map = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            MemoryMappedViewAccessor view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            if (view.Capacity < length)
            {
                view.Dispose();
                throw new CorruptIndexException(path, "mapping length", $"mapped {view.Capacity} of {length} bytes");
            }

            return new MappedFile(path, map, view, length);
        }
        catch
        {
            if (map is null)
            {
                handle.Dispose();
            }
            else
            {
                map.Dispose();
            }

            throw;
        }
    }

    /// <summary>A pointer to <paramref name="length"/> bytes at <paramref name="offset"/>, after a bounds check.</summary>
    /// <exception cref="CorruptIndexException">The range is not inside the file.</exception>
    public byte* Pointer(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
        {
            throw new CorruptIndexException(Path, $"{what} bounds", $"bytes [{offset}, {offset}+{length}) outside a {Length}-byte file");
        }

        ObjectDisposedException.ThrowIf(_pointer == null, this);
        return _pointer + offset;
    }

    /// <summary>A span over <paramref name="length"/> bytes at <paramref name="offset"/>, after a bounds check.</summary>
    /// <exception cref="CorruptIndexException">The range is not inside the file.</exception>
    public ReadOnlySpan<byte> Span(long offset, int length, string what) => new(Pointer(offset, length, what), length);

    /// <summary>Unmaps the file. Spans handed out before become invalid.</summary>
    public void Dispose()
    {
        if (_pointer == null)
        {
            return;
        }

        _pointer = null;
        _handle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
