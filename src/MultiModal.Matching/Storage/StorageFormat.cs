using System.Buffers.Binary;

namespace MultiModal.Matching.Storage;

/// <summary>Constants of the on-disk format (docs/storage-format.md describes every byte).</summary>
internal static class StorageFormat
{
    /// <summary>The format version written into every header; readers refuse any other.</summary>
    public const uint Version = 1;

    /// <summary>Every data region starts at a multiple of this many bytes.</summary>
    public const int Alignment = 64;

    /// <summary>The fixed part of a segment header, before its region table.</summary>
    public const int SegmentFixedHeaderLength = 64;

    /// <summary>One region-table entry.</summary>
    public const int RegionEntryLength = 32;

    /// <summary>At most this many regions per segment (keeps a hostile header small).</summary>
    public const int MaxRegions = 32;

    /// <summary>The write-ahead log header length.</summary>
    public const int LogHeaderLength = 64;

    /// <summary>A log record's header: body length (u32) and body CRC-32C (u32).</summary>
    public const int LogRecordHeaderLength = 8;

    /// <summary>A log record body is refused above this size (a hostile length cannot force a huge read).</summary>
    public const int MaxLogRecordBody = 1 << 30;

    /// <summary>The manifest is refused above this size.</summary>
    public const int MaxManifestLength = 1 << 20;

    /// <summary>Keys longer than this many UTF-8 bytes are refused.</summary>
    public const int MaxKeyBytes = 4096;

    public const string ManifestFileName = "MANIFEST";
    public const string ManifestTempFileName = "MANIFEST.tmp";
    public const string LockFileName = "LOCK";

    public static readonly ulong SegmentMagic = Magic("MMMSEG01");
    public static readonly ulong ManifestMagic = Magic("MMMMAN01");
    public static readonly ulong LogMagic = Magic("MMMWAL01");

    /// <summary>The items segment of a generation: keys, key index, tombstones, attributes.</summary>
    public static string ItemsFileName(long generation) => $"items-{generation:x16}.seg";

    /// <summary>The segment of one vector space in a generation.</summary>
    public static string SpaceFileName(string space, long generation) => $"space-{space}-{generation:x16}.seg";

    /// <summary>The write-ahead log that follows a generation's checkpoint.</summary>
    public static string LogFileName(long generation) => $"wal-{generation:x16}.log";

    /// <summary>Whether a file name is one this library writes (and may therefore delete when unreferenced).</summary>
    public static bool IsOwnedFileName(string name) =>
        name == ManifestTempFileName
        || (name.StartsWith("items-", StringComparison.Ordinal) && name.EndsWith(".seg", StringComparison.Ordinal))
        || (name.StartsWith("space-", StringComparison.Ordinal) && name.EndsWith(".seg", StringComparison.Ordinal))
        || (name.StartsWith("wal-", StringComparison.Ordinal) && name.EndsWith(".log", StringComparison.Ordinal));

    /// <summary>Rounds up to <see cref="Alignment"/>.</summary>
    public static long Align(long value) => (value + Alignment - 1) & ~(long)(Alignment - 1);

    private static ulong Magic(string text)
    {
        Span<byte> bytes = stackalloc byte[8];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
