using System.Buffers.Binary;
using System.Numerics;

using MultiModal.Matching.Attributes;

namespace MultiModal.Matching.Storage;

/// <summary>
/// The checkpointed items of a generation, read in place from a mapped segment: key of every
/// internal id, the key → id hash index (live items only), tombstones and attributes.
/// </summary>
/// <remarks>
/// Region lengths are checked at open; offsets read from the file are checked at each access, so
/// that a damaged file raises <see cref="CorruptIndexException"/> and never reads outside the mapping.
/// Immutable; thread-safe.
/// </remarks>
internal sealed unsafe class ItemsSegment : IDisposable
{
    private readonly SegmentFile _file;
    private readonly SegmentRegion _keyOffsets;
    private readonly SegmentRegion _keyBytes;
    private readonly SegmentRegion _keyIndex;
    private readonly SegmentRegion _tombstones;
    private readonly SegmentRegion _attributeOffsets;
    private readonly SegmentRegion _attributeBytes;
    private readonly long _slotMask;

    private ItemsSegment(SegmentFile file)
    {
        _file = file;
        long rows = file.Header.RowCount;
        _keyOffsets = file.GetRegion(SegmentRegionKind.KeyOffsets);
        _keyBytes = file.GetRegion(SegmentRegionKind.KeyBytes);
        _keyIndex = file.GetRegion(SegmentRegionKind.KeyIndex);
        _tombstones = file.GetRegion(SegmentRegionKind.Tombstones);
        _attributeOffsets = file.GetRegion(SegmentRegionKind.AttributeOffsets);
        _attributeBytes = file.GetRegion(SegmentRegionKind.AttributeBytes);
        file.RequireLength(_keyOffsets, (rows + 1) * 8);
        file.RequireLength(_attributeOffsets, (rows + 1) * 8);
        file.RequireLength(_tombstones, BitWords(rows) * 8);
        long slots = _keyIndex.Length / 8;
        if (_keyIndex.Length % 8 != 0 || slots <= rows || !BitOperations.IsPow2(slots))
        {
            throw new CorruptIndexException(file.File.Path, "KeyIndex region length", $"{_keyIndex.Length} bytes for {rows} rows");
        }

        _slotMask = slots - 1;
        RowCount = (int)rows;
    }

    /// <summary>Internal ids covered: 0 .. RowCount − 1.</summary>
    public int RowCount { get; }

    /// <summary>The underlying segment.</summary>
    public SegmentFile File => _file;

    /// <summary>Maps and validates an items segment.</summary>
    /// <exception cref="CorruptIndexException">A check failed.</exception>
    public static ItemsSegment Open(string path)
    {
        SegmentFile file = SegmentFile.Open(path, SegmentKind.Items);
        try
        {
            return new ItemsSegment(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>u64 words of a bitset over <paramref name="rows"/> bits.</summary>
    public static long BitWords(long rows) => (rows + 63) / 64;

    /// <summary>The hash-table capacity for <paramref name="rows"/> keys: a power of two above twice the count.</summary>
    public static long KeyIndexSlots(long rows) => (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(2 * rows + 1, 4));

    /// <summary>The hash stored in the key index: CRC-32C of the key's UTF-8 bytes.</summary>
    public static uint KeyHash(ReadOnlySpan<byte> utf8Key) => Crc32C.Compute(utf8Key);

    /// <summary>The UTF-8 bytes of the key of <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> GetKeyBytes(int id)
    {
        (long start, long length) = Range(_keyOffsets, _keyBytes, id, "KeyOffsets");
        if (length is < 1 or > StorageFormat.MaxKeyBytes)
        {
            throw new CorruptIndexException(_file.File.Path, "KeyOffsets entry", $"key of id {id} has {length} bytes");
        }

        return _file.File.Span(_keyBytes.Offset + start, (int)length, "KeyBytes");
    }

    /// <summary>The key of <paramref name="id"/>.</summary>
    public string GetKey(int id)
    {
        var reader = new SpanReader(GetKeyBytes(id), _file.File.Path, "KeyBytes");
        return reader.ReadUtf8(reader.Remaining);
    }

    /// <summary>The id of the live item with this key, or −1. Probes at most every slot once.</summary>
    public int FindLive(ReadOnlySpan<byte> utf8Key, uint hash)
    {
        ulong* slots = (ulong*)_file.File.Pointer(_keyIndex.Offset, _keyIndex.Length, "KeyIndex");
        long slot = hash & _slotMask;
        for (long probe = 0; probe <= _slotMask; probe++)
        {
            ulong entry = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(slots + slot, 8));
            if (entry == 0)
            {
                return -1;
            }

            if ((uint)entry == hash)
            {
                long id = (long)(entry >> 32) - 1;
                if (id < 0 || id >= RowCount)
                {
                    throw new CorruptIndexException(_file.File.Path, "KeyIndex entry", $"id {id} of {RowCount}");
                }

                if (GetKeyBytes((int)id).SequenceEqual(utf8Key))
                {
                    return (int)id;
                }
            }

            slot = (slot + 1) & _slotMask;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="id"/> was deleted at the checkpoint.</summary>
    public bool IsDeleted(int id)
    {
        if ((uint)id >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids of this segment are 0 to {RowCount - 1}.");
        }

        ulong* words = (ulong*)_file.File.Pointer(_tombstones.Offset, _tombstones.Length, "Tombstones");
        return (words[id >> 6] & (1UL << (id & 63))) != 0;
    }

    /// <summary>The attributes of <paramref name="id"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, AttributeValue>> GetAttributes(int id)
    {
        (long start, long length) = Range(_attributeOffsets, _attributeBytes, id, "AttributeOffsets");
        if (length > int.MaxValue)
        {
            throw new CorruptIndexException(_file.File.Path, "AttributeOffsets entry", $"record of id {id} has {length} bytes");
        }

        var reader = new SpanReader(_file.File.Span(_attributeBytes.Offset + start, (int)length, "AttributeBytes"), _file.File.Path, "AttributeBytes");
        IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes = AttributeCodec.Decode(ref reader);
        reader.RequireEnd();
        return attributes;
    }

    /// <summary>Unmaps the segment.</summary>
    public void Dispose() => _file.Dispose();

    private (long Start, long Length) Range(SegmentRegion offsets, SegmentRegion bytes, int id, string what)
    {
        if ((uint)id >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids of this segment are 0 to {RowCount - 1}.");
        }

        ReadOnlySpan<byte> pair = _file.File.Span(offsets.Offset + ((long)id * 8), 16, what);
        long start = BinaryPrimitives.ReadInt64LittleEndian(pair);
        long end = BinaryPrimitives.ReadInt64LittleEndian(pair[8..]);
        if (start < 0 || end < start || end > bytes.Length)
        {
            throw new CorruptIndexException(_file.File.Path, $"{what} entry", $"id {id}: [{start}, {end}) in a {bytes.Length}-byte region");
        }

        return (start, end - start);
    }
}
