using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Storage;

/// <content>
/// Writing a generation's segments from the mapped checkpoint plus the in-memory delta. Regions of
/// the old generation are copied in bulk and their CRC-32C verified on the way, so that damage is
/// never laundered into a new, validly checksummed file.
/// </content>
internal sealed partial class CollectionStore
{
    private const int CopyChunk = 1 << 20;

    private ManifestFile WriteItemsSegment(long generation, List<string> created)
    {
        string name = StorageFormat.ItemsFileName(generation);
        string path = Path.Combine(Directory, name);
        int rows = _rowCount;
        int baseRows = _base.RowCount;
        ItemsSegment baseItems = _base.Items;
        created.Add(path);
        using SegmentWriter w = SegmentWriter.Create(path, new SegmentHeader(SegmentKind.Items, generation, rows, 0, 0, 0, 0), 6);

        var deltaKeyBytes = new byte[rows - baseRows][];
        for (int i = 0; i < deltaKeyBytes.Length; i++)
        {
            deltaKeyBytes[i] = System.Text.Encoding.UTF8.GetBytes(_deltaKeys[i]);
        }

        WriteOffsets(w, SegmentRegionKind.KeyOffsets, baseItems.File, SegmentRegionKind.KeyBytes, deltaKeyBytes);
        w.BeginRegion(SegmentRegionKind.KeyBytes);
        CopyRegionVerified(baseItems.File, baseItems.File.GetRegion(SegmentRegionKind.KeyBytes), w);
        foreach (byte[] key in deltaKeyBytes)
        {
            w.Write(key);
        }

        w.EndRegion();

        var slots = new ulong[ItemsSegment.KeyIndexSlots(rows)];
        long mask = slots.Length - 1;
        for (int id = 0; id < rows; id++)
        {
            if (IsDeletedCore(id))
            {
                continue;
            }

            ReadOnlySpan<byte> key = id < baseRows ? baseItems.GetKeyBytes(id) : deltaKeyBytes[id - baseRows];
            uint hash = ItemsSegment.KeyHash(key);
            long slot = hash & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = hash | ((ulong)(uint)(id + 1) << 32);
        }

        w.BeginRegion(SegmentRegionKind.KeyIndex);
        w.Write<ulong>(slots);
        w.EndRegion();

        w.BeginRegion(SegmentRegionKind.Tombstones);
        w.Write<ulong>(_tombstones.AsSpan(0, (int)ItemsSegment.BitWords(rows)));
        w.EndRegion();

        byte[][] deltaAttributes = [.. _deltaAttributes];
        WriteOffsets(w, SegmentRegionKind.AttributeOffsets, baseItems.File, SegmentRegionKind.AttributeBytes, deltaAttributes);
        w.BeginRegion(SegmentRegionKind.AttributeBytes);
        CopyRegionVerified(baseItems.File, baseItems.File.GetRegion(SegmentRegionKind.AttributeBytes), w);
        foreach (byte[] record in deltaAttributes)
        {
            w.Write(record);
        }

        w.EndRegion();
        uint headerCrc = w.Complete();
        return new ManifestFile(ManifestFileRole.Items, 0, name, w.FileLength, headerCrc);
    }

    private ManifestFile WriteSpaceSegment(int space, long generation, List<string> created)
    {
        VectorSpaceDefinition definition = Spaces[space];
        string name = StorageFormat.SpaceFileName(definition.Name, generation);
        string path = Path.Combine(Directory, name);
        int rows = _rowCount;
        int baseRows = _base.RowCount;
        SegmentFile baseFile = _base.Spaces[space].File;
        DeltaRows delta = _deltaRows[space];
        created.Add(path);
        var header = new SegmentHeader(SegmentKind.Space, generation, rows, SegmentHeader.Float32, definition.Dimension, (uint)definition.Metric, 0);
        using SegmentWriter w = SegmentWriter.Create(path, header, 5);

        w.BeginRegion(SegmentRegionKind.Vectors);
        CopyRegionVerified(baseFile, baseFile.GetRegion(SegmentRegionKind.Vectors), w);
        for (int row = 0; row < rows - baseRows; row++)
        {
            w.Write(delta.Get(row));
        }

        w.EndRegion();

        var presence = new ulong[ItemsSegment.BitWords(rows)];
        SegmentRegion basePresence = baseFile.GetRegion(SegmentRegionKind.Presence);
        ReadRegionVerified(baseFile, basePresence, MemoryMarshal.AsBytes(presence.AsSpan()));
        for (int row = 0; row < rows - baseRows; row++)
        {
            if (delta.Has(row))
            {
                int id = baseRows + row;
                presence[id >> 6] |= 1UL << (id & 63);
            }
        }

        w.BeginRegion(SegmentRegionKind.Presence);
        w.Write<ulong>(presence);
        w.EndRegion();
        if (_graphSources[space] is { } graph)
        {
            var graphWriter = new SpaceGraphWriter(w);
            graph.WriteGraph(graphWriter);
            if (!graphWriter.IsComplete)
            {
                throw new InvalidOperationException($"The graph of space '{definition.Name}' did not write all three regions.");
            }
        }

        uint headerCrc = w.Complete();
        return new ManifestFile(ManifestFileRole.Space, space, name, w.FileLength, headerCrc);
    }

    /// <summary>Writes an offsets region: the old generation's offsets (verified), then the delta's, continuing from the old byte count.</summary>
    private static void WriteOffsets(SegmentWriter w, SegmentRegionKind offsetsKind, SegmentFile baseFile, SegmentRegionKind bytesKind, byte[][] delta)
    {
        SegmentRegion baseOffsets = baseFile.GetRegion(offsetsKind);
        long total = baseFile.GetRegion(bytesKind).Length;
        ReadOnlySpan<byte> last = baseFile.File.Span(baseOffsets.Offset + baseOffsets.Length - 8, 8, offsetsKind.ToString());
        if (BinaryPrimitives.ReadInt64LittleEndian(last) != total)
        {
            throw new CorruptIndexException(baseFile.File.Path, $"{offsetsKind} end", $"last offset differs from the {total}-byte {bytesKind} region");
        }

        w.BeginRegion(offsetsKind);
        CopyRegionVerified(baseFile, baseOffsets, w);
        foreach (byte[] entry in delta)
        {
            total += entry.Length;
            w.WriteUInt64((ulong)total);
        }

        w.EndRegion();
    }

    private static unsafe void CopyRegionVerified(SegmentFile file, SegmentRegion region, SegmentWriter w)
    {
        byte* source = file.File.Pointer(region.Offset, region.Length, region.Kind.ToString());
        uint crc = 0;
        for (long done = 0; done < region.Length; done += CopyChunk)
        {
            var chunk = new ReadOnlySpan<byte>(source + done, (int)Math.Min(CopyChunk, region.Length - done));
            crc = Crc32C.Append(crc, chunk);
            w.Write(chunk);
        }

        if (crc != region.Checksum)
        {
            throw new CorruptIndexException(file.File.Path, $"{region.Kind} region checksum", $"CRC-32C 0x{crc:X8}, 0x{region.Checksum:X8} recorded");
        }
    }

    private static void ReadRegionVerified(SegmentFile file, SegmentRegion region, Span<byte> destination)
    {
        ReadOnlySpan<byte> source = file.File.Span(region.Offset, (int)region.Length, region.Kind.ToString());
        uint crc = Crc32C.Compute(source);
        if (crc != region.Checksum)
        {
            throw new CorruptIndexException(file.File.Path, $"{region.Kind} region checksum", $"CRC-32C 0x{crc:X8}, 0x{region.Checksum:X8} recorded");
        }

        source.CopyTo(destination);
    }
}
