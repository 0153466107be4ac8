using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Storage;

/// <summary>
/// Writes one segment file front to back: regions are streamed (their CRC-32C computed on the
/// way), then the header with the region table is written at the start and the file is fsynced.
/// </summary>
/// <remarks>Not thread-safe; one writer per file. A file that is not completed is deleted on dispose.</remarks>
internal sealed class SegmentWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly SegmentHeader _header;
    private readonly int _headerLength;
    private readonly List<SegmentRegion> _regions = [];
    private SegmentRegionKind _openKind;
    private long _openOffset = -1;
    private uint _openCrc;
    private bool _completed;

    private SegmentWriter(string path, SegmentHeader header, int maxRegions)
    {
        Path = path;
        _header = header;
        _headerLength = HeaderLength(maxRegions);
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 20);
        _stream.SetLength(_headerLength);
        _stream.Position = _headerLength;
    }

    /// <summary>The file's length once <see cref="Complete"/> has run.</summary>
    public long FileLength { get; private set; }

    /// <summary>The path being written.</summary>
    public string Path { get; }

    /// <summary>The header length for a table of <paramref name="regions"/> entries (and its CRC), rounded to 64.</summary>
    public static int HeaderLength(int regions) =>
        (int)StorageFormat.Align(StorageFormat.SegmentFixedHeaderLength + (regions * StorageFormat.RegionEntryLength) + 4);

    /// <summary>Creates a new file (failing if it exists) for a segment with at most <paramref name="maxRegions"/> regions.</summary>
    public static SegmentWriter Create(string path, SegmentHeader header, int maxRegions)
    {
        Debug.Assert(maxRegions is > 0 and <= StorageFormat.MaxRegions);
        return new SegmentWriter(path, header, maxRegions);
    }

    /// <summary>Starts a region at the next 64-byte boundary.</summary>
    public void BeginRegion(SegmentRegionKind kind)
    {
        Debug.Assert(_openOffset < 0, "a region is already open");
        long aligned = StorageFormat.Align(_stream.Position);
        WriteZeros(aligned - _stream.Position);
        _openKind = kind;
        _openOffset = aligned;
        _openCrc = 0;
    }

    /// <summary>Appends bytes to the open region.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        Debug.Assert(_openOffset >= 0, "no region is open");
        _stream.Write(data);
        _openCrc = Crc32C.Append(_openCrc, data);
    }

    /// <summary>Appends values to the open region in little-endian order.</summary>
    public void Write<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Debug.Assert(BitConverter.IsLittleEndian, "the format is little-endian; big-endian hosts are not supported");
        Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Appends one u64 to the open region.</summary>
    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(bytes);
    }

    /// <summary>Appends <paramref name="count"/> zero bytes to the open region.</summary>
    public void WriteZeroBytes(long count)
    {
        Span<byte> zeros = stackalloc byte[4096];
        zeros.Clear();
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, zeros.Length);
            Write(zeros[..chunk]);
            count -= chunk;
        }
    }

    /// <summary>Closes the open region and records it in the region table.</summary>
    public void EndRegion()
    {
        Debug.Assert(_openOffset >= 0, "no region is open");
        _regions.Add(new SegmentRegion(_openKind, _openOffset, _stream.Position - _openOffset, _openCrc));
        _openOffset = -1;
    }

    /// <summary>Writes the header, pads the file to 64 bytes, fsyncs it and returns the header's CRC-32C.</summary>
    public uint Complete()
    {
        Debug.Assert(_openOffset < 0, "a region is still open");
        WriteZeros(StorageFormat.Align(_stream.Position) - _stream.Position);
        long fileLength = _stream.Position;
        FileLength = fileLength;
        byte[] header = new byte[_headerLength];
        Span<byte> h = header;
        BinaryPrimitives.WriteUInt64LittleEndian(h, StorageFormat.SegmentMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], StorageFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)_header.Kind);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)_headerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)_regions.Count);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], fileLength);
        BinaryPrimitives.WriteInt64LittleEndian(h[32..], _header.Generation);
        BinaryPrimitives.WriteInt64LittleEndian(h[40..], _header.RowCount);
        BinaryPrimitives.WriteUInt32LittleEndian(h[48..], _header.ElementType);
        BinaryPrimitives.WriteInt32LittleEndian(h[52..], _header.Dimension);
        BinaryPrimitives.WriteUInt32LittleEndian(h[56..], _header.Metric);
        BinaryPrimitives.WriteUInt32LittleEndian(h[60..], _header.Flags);
        for (int i = 0; i < _regions.Count; i++)
        {
            Span<byte> e = h.Slice(StorageFormat.SegmentFixedHeaderLength + (i * StorageFormat.RegionEntryLength), StorageFormat.RegionEntryLength);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)_regions[i].Kind);
            BinaryPrimitives.WriteInt64LittleEndian(e[8..], _regions[i].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(e[16..], _regions[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(e[24..], _regions[i].Checksum);
        }

        uint headerCrc = Crc32C.Compute(h[..^4]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[^4..], headerCrc);
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Flush(flushToDisk: true);
        _completed = true;
        return headerCrc;
    }

    /// <summary>Closes the file; deletes it when <see cref="Complete"/> was not reached.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (!_completed)
        {
            File.Delete(Path);
        }
    }

    private void WriteZeros(long count)
    {
        Span<byte> zeros = stackalloc byte[StorageFormat.Alignment];
        zeros.Clear();
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, zeros.Length);
            _stream.Write(zeros[..chunk]);
            count -= chunk;
        }
    }
}
