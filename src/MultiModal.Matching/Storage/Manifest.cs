using System.Buffers.Binary;

namespace MultiModal.Matching.Storage;

/// <summary>
/// The manifest: which generation is current, the schema, the last log sequence folded into that
/// generation, and every file of the generation. Replaced atomically at each checkpoint.
/// </summary>
/// <param name="Generation">The checkpoint generation (1 for a new collection).</param>
/// <param name="LastSequence">The sequence of the last log record included in the segments.</param>
/// <param name="RowCount">Internal ids allocated (0 .. RowCount − 1).</param>
/// <param name="LiveCount">Items not deleted.</param>
/// <param name="Spaces">The vector spaces, in order.</param>
/// <param name="Files">The generation's files.</param>
internal sealed record Manifest(
    long Generation,
    long LastSequence,
    long RowCount,
    long LiveCount,
    IReadOnlyList<VectorSpaceDefinition> Spaces,
    IReadOnlyList<ManifestFile> Files)
{
    /// <summary>At most this many vector spaces per collection.</summary>
    public const int MaxSpaces = 32;

    /// <summary>The file with this role (and space).</summary>
    public ManifestFile GetFile(ManifestFileRole role, int spaceIndex = 0)
    {
        foreach (ManifestFile file in Files)
        {
            if (file.Role == role && file.SpaceIndex == spaceIndex)
            {
                return file;
            }
        }

        throw new InvalidOperationException($"The manifest names no {role} file for space {spaceIndex}.");
    }

    /// <summary>Serialises the manifest (docs/storage-format.md, "Manifest").</summary>
    public byte[] Serialize()
    {
        using var buffer = new ByteBuffer(1024);
        buffer.WriteUInt64(StorageFormat.ManifestMagic);
        buffer.WriteUInt32(StorageFormat.Version);
        buffer.WriteUInt32(0); // total length, patched below
        buffer.WriteInt64(Generation);
        buffer.WriteInt64(LastSequence);
        buffer.WriteInt64(RowCount);
        buffer.WriteInt64(LiveCount);
        buffer.WriteInt32(Spaces.Count);
        buffer.WriteInt32(Files.Count);
        foreach (VectorSpaceDefinition space in Spaces)
        {
            buffer.WriteUtf8(space.Name, wideLength: false);
            buffer.WriteInt32(space.Dimension);
            buffer.WriteUInt32((uint)space.Metric);
        }

        foreach (ManifestFile file in Files)
        {
            buffer.WriteUInt32((uint)file.Role);
            buffer.WriteInt32(file.SpaceIndex);
            buffer.WriteUtf8(file.Name, wideLength: false);
            buffer.WriteInt64(file.Length);
            buffer.WriteUInt32(file.HeaderChecksum);
        }

        buffer.WriteUInt32(0); // checksum, patched below
        Span<byte> bytes = buffer.WrittenSpanMutable;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[12..], bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[^4..], Crc32C.Compute(bytes[..^4]));
        return bytes.ToArray();
    }

    /// <summary>Parses and validates a manifest: magic, version, length, CRC-32C, then every field and file name.</summary>
    /// <exception cref="CorruptIndexException">A check failed.</exception>
    public static Manifest Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 64 || bytes.Length > StorageFormat.MaxManifestLength)
        {
            throw new CorruptIndexException(path, "manifest length", $"{bytes.Length} bytes");
        }

        var reader = new SpanReader(bytes, path, "manifest");
        if (reader.ReadUInt64() != StorageFormat.ManifestMagic)
        {
            throw new CorruptIndexException(path, "manifest magic");
        }

        uint version = reader.ReadUInt32();
        if (version != StorageFormat.Version)
        {
            throw new CorruptIndexException(path, "format version", $"version {version}, {StorageFormat.Version} supported");
        }

        int length = reader.ReadInt32();
        if (length != bytes.Length)
        {
            throw new CorruptIndexException(path, "manifest length", $"{bytes.Length} bytes, {length} recorded");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32C.Compute(bytes[..^4]);
        if (stored != actual)
        {
            throw new CorruptIndexException(path, "manifest checksum", $"CRC-32C 0x{actual:X8}, 0x{stored:X8} recorded");
        }

        long generation = reader.ReadInt64();
        long lastSequence = reader.ReadInt64();
        long rowCount = reader.ReadInt64();
        long liveCount = reader.ReadInt64();
        int spaceCount = reader.ReadInt32();
        int fileCount = reader.ReadInt32();
        if (generation < 1 || lastSequence < 0 || rowCount is < 0 or > int.MaxValue || liveCount < 0 || liveCount > rowCount
            || spaceCount is < 0 or > MaxSpaces || fileCount != spaceCount + 2)
        {
            throw new CorruptIndexException(path, "manifest fields", $"generation {generation}, rows {rowCount}, live {liveCount}, spaces {spaceCount}, files {fileCount}");
        }

        var spaces = new VectorSpaceDefinition[spaceCount];
        for (int i = 0; i < spaceCount; i++)
        {
            string name = reader.ReadUtf8(reader.ReadUInt16());
            int dimension = reader.ReadInt32();
            uint metric = reader.ReadUInt32();
            if (!VectorSpaceDefinition.IsValidName(name) || name != name.ToLowerInvariant()
                || dimension is < 1 or > VectorSpaceDefinition.MaxDimension || !Enum.IsDefined((DistanceMetric)metric))
            {
                throw new CorruptIndexException(path, "manifest space definition", $"space {i}");
            }

            for (int j = 0; j < i; j++)
            {
                if (spaces[j].Name == name)
                {
                    throw new CorruptIndexException(path, "manifest space definition", $"space '{name}' twice");
                }
            }

            spaces[i] = new VectorSpaceDefinition(name, dimension, (DistanceMetric)metric);
        }

        var files = new ManifestFile[fileCount];
        for (int i = 0; i < fileCount; i++)
        {
            var role = (ManifestFileRole)reader.ReadUInt32();
            int spaceIndex = reader.ReadInt32();
            string name = reader.ReadUtf8(reader.ReadUInt16());
            var file = new ManifestFile(role, spaceIndex, name, reader.ReadInt64(), reader.ReadUInt32());
            string? expected = role switch
            {
                ManifestFileRole.Items when spaceIndex == 0 => StorageFormat.ItemsFileName(generation),
                ManifestFileRole.Log when spaceIndex == 0 => StorageFormat.LogFileName(generation),
                ManifestFileRole.Space when spaceIndex >= 0 && spaceIndex < spaceCount => StorageFormat.SpaceFileName(spaces[spaceIndex].Name, generation),
                _ => null,
            };
            if (expected is null || name != expected || file.Length < 0)
            {
                throw new CorruptIndexException(path, "manifest file entry", $"entry {i}: '{name}' as {role}");
            }

            for (int j = 0; j < i; j++)
            {
                if (files[j].Name == name)
                {
                    throw new CorruptIndexException(path, "manifest file entry", $"'{name}' twice");
                }
            }

            files[i] = file;
        }

        reader.ReadUInt32();
        reader.RequireEnd();
        return new Manifest(generation, lastSequence, rowCount, liveCount, spaces, files);
    }
}
