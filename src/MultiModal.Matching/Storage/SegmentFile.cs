using System.Buffers.Binary;

namespace MultiModal.Matching.Storage;

/// <summary>
/// A mapped segment file whose header and region table have been validated: the magic, version,
/// kind, header CRC-32C, file length, and that every region is 64-byte aligned, inside the file,
/// after the header and not overlapping another. Region contents are not read at open; their
/// checksums are verified by <see cref="VerifyChecksums"/>.
/// </summary>
/// <remarks>Immutable after open; thread-safe for reads. Owns its mapping.</remarks>
internal sealed class SegmentFile : IDisposable
{
    private readonly SegmentRegion[] _regions;

    private SegmentFile(MappedFile file, SegmentHeader header, SegmentRegion[] regions, uint headerChecksum)
    {
        File = file;
        Header = header;
        _regions = regions;
        HeaderChecksum = headerChecksum;
    }

    /// <summary>The mapping.</summary>
    public MappedFile File { get; }

    /// <summary>The header's fixed fields.</summary>
    public SegmentHeader Header { get; }

    /// <summary>The CRC-32C stored at the end of the header (the manifest records it too).</summary>
    public uint HeaderChecksum { get; }

    /// <summary>The validated region table.</summary>
    public IReadOnlyList<SegmentRegion> Regions => _regions;

    /// <summary>Maps and validates a segment file.</summary>
    /// <exception cref="CorruptIndexException">A header or region-table check failed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SegmentFile Open(string path, SegmentKind expectedKind)
    {
        MappedFile file = MappedFile.Open(path, StorageFormat.SegmentFixedHeaderLength);
        try
        {
            return Validate(file, expectedKind);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The region of this kind.</summary>
    /// <exception cref="CorruptIndexException">The segment has no such region.</exception>
    public SegmentRegion GetRegion(SegmentRegionKind kind)
    {
        if (TryGetRegion(kind, out SegmentRegion region))
        {
            return region;
        }

        throw new CorruptIndexException(File.Path, $"{kind} region present");
    }

    /// <summary>Finds the region of this kind, if the segment has one.</summary>
    public bool TryGetRegion(SegmentRegionKind kind, out SegmentRegion region)
    {
        foreach (SegmentRegion r in _regions)
        {
            if (r.Kind == kind)
            {
                region = r;
                return true;
            }
        }

        region = default;
        return false;
    }

    /// <summary>Checks that a region's length is exactly <paramref name="expected"/> bytes.</summary>
    /// <exception cref="CorruptIndexException">It is not.</exception>
    public void RequireLength(SegmentRegion region, long expected)
    {
        if (region.Length != expected)
        {
            throw new CorruptIndexException(File.Path, $"{region.Kind} region length", $"{region.Length} bytes, {expected} expected");
        }
    }

    /// <summary>Reads every region and compares its CRC-32C with the region table (touches every page).</summary>
    /// <exception cref="CorruptIndexException">A region's checksum differs.</exception>
    public unsafe void VerifyChecksums()
    {
        foreach (SegmentRegion r in _regions)
        {
            uint actual = Crc32C.Compute(File.Pointer(r.Offset, r.Length, r.Kind.ToString()), r.Length);
            if (actual != r.Checksum)
            {
                throw new CorruptIndexException(File.Path, $"{r.Kind} region checksum", $"CRC-32C 0x{actual:X8}, 0x{r.Checksum:X8} recorded");
            }
        }
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose() => File.Dispose();

    private static SegmentFile Validate(MappedFile file, SegmentKind expectedKind)
    {
        string path = file.Path;
        ReadOnlySpan<byte> fixedPart = file.Span(0, StorageFormat.SegmentFixedHeaderLength, "header");
        if (BinaryPrimitives.ReadUInt64LittleEndian(fixedPart) != StorageFormat.SegmentMagic)
        {
            throw new CorruptIndexException(path, "segment magic");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[8..]);
        if (version != StorageFormat.Version)
        {
            throw new CorruptIndexException(path, "format version", $"version {version}, {StorageFormat.Version} supported");
        }

        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[16..]);
        uint regionCount = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[20..]);
        if (regionCount > StorageFormat.MaxRegions
            || headerLength < SegmentWriter.HeaderLength((int)regionCount)
            || headerLength > SegmentWriter.HeaderLength(StorageFormat.MaxRegions)
            || headerLength % StorageFormat.Alignment != 0
            || headerLength > file.Length)
        {
            throw new CorruptIndexException(path, "header length", $"{headerLength} bytes for {regionCount} regions in a {file.Length}-byte file");
        }

        ReadOnlySpan<byte> h = file.Span(0, (int)headerLength, "header");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(h[^4..]);
        uint actual = Crc32C.Compute(h[..^4]);
        if (stored != actual)
        {
            throw new CorruptIndexException(path, "header checksum", $"CRC-32C 0x{actual:X8}, 0x{stored:X8} recorded");
        }

        var kind = (SegmentKind)BinaryPrimitives.ReadUInt32LittleEndian(h[12..]);
        if (kind != expectedKind)
        {
            throw new CorruptIndexException(path, "segment kind", $"{kind}, {expectedKind} expected");
        }

        long fileLength = BinaryPrimitives.ReadInt64LittleEndian(h[24..]);
        if (fileLength != file.Length)
        {
            throw new CorruptIndexException(path, "file length", $"{file.Length} bytes, {fileLength} recorded");
        }

        var header = new SegmentHeader(
            kind,
            BinaryPrimitives.ReadInt64LittleEndian(h[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(h[40..]),
            BinaryPrimitives.ReadUInt32LittleEndian(h[48..]),
            BinaryPrimitives.ReadInt32LittleEndian(h[52..]),
            BinaryPrimitives.ReadUInt32LittleEndian(h[56..]),
            BinaryPrimitives.ReadUInt32LittleEndian(h[60..]));
        if (header.RowCount < 0 || header.RowCount > int.MaxValue || header.Dimension < 0 || header.Generation < 0)
        {
            throw new CorruptIndexException(path, "header fields", $"rows {header.RowCount}, dimension {header.Dimension}, generation {header.Generation}");
        }

        var regions = new SegmentRegion[regionCount];
        for (int i = 0; i < regions.Length; i++)
        {
            ReadOnlySpan<byte> e = h.Slice(StorageFormat.SegmentFixedHeaderLength + (i * StorageFormat.RegionEntryLength), StorageFormat.RegionEntryLength);
            var region = new SegmentRegion(
                (SegmentRegionKind)BinaryPrimitives.ReadUInt32LittleEndian(e),
                BinaryPrimitives.ReadInt64LittleEndian(e[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(e[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[24..]));
            if (region.Offset < headerLength || region.Offset % StorageFormat.Alignment != 0
                || region.Length < 0 || region.Length > fileLength - region.Offset)
            {
                throw new CorruptIndexException(path, $"{region.Kind} region bounds", $"[{region.Offset}, +{region.Length}) in a {fileLength}-byte file");
            }

            for (int j = 0; j < i; j++)
            {
                SegmentRegion other = regions[j];
                if (other.Kind == region.Kind)
                {
                    throw new CorruptIndexException(path, "region table", $"{region.Kind} appears twice");
                }

                if (region.Offset < other.Offset + other.Length && other.Offset < region.Offset + region.Length)
                {
                    throw new CorruptIndexException(path, "region table", $"{region.Kind} overlaps {other.Kind}");
                }
            }

            regions[i] = region;
        }

        return new SegmentFile(file, header, regions, stored);
    }
}
