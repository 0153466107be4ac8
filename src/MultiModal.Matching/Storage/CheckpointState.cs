namespace MultiModal.Matching.Storage;

/// <summary>
/// One checkpoint generation, mapped: the manifest that names it, its items segment and one
/// segment per vector space, each cross-checked against the manifest (length, header CRC,
/// generation, rows) at open.
/// </summary>
/// <remarks>Immutable; thread-safe. Owns its mappings.</remarks>
internal sealed class CheckpointState : IDisposable
{
    private CheckpointState(string directory, Manifest manifest, ItemsSegment items, SpaceSegment[] spaces)
    {
        Directory = directory;
        Manifest = manifest;
        Items = items;
        Spaces = spaces;
    }

    /// <summary>The collection directory.</summary>
    public string Directory { get; }

    /// <summary>The manifest of this generation.</summary>
    public Manifest Manifest { get; }

    /// <summary>The items segment.</summary>
    public ItemsSegment Items { get; }

    /// <summary>The space segments, in schema order.</summary>
    public SpaceSegment[] Spaces { get; }

    /// <summary>Rows (internal ids) of the checkpoint.</summary>
    public int RowCount => Items.RowCount;

    /// <summary>Reads and validates the manifest of <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no collection.</exception>
    /// <exception cref="CorruptIndexException">The manifest is damaged.</exception>
    public static Manifest ReadManifest(string directory)
    {
        string path = Path.Combine(directory, StorageFormat.ManifestFileName);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        long length = stream.Length;
        if (length > StorageFormat.MaxManifestLength)
        {
            throw new CorruptIndexException(path, "manifest length", $"{length} bytes");
        }

        byte[] bytes = new byte[length];
        stream.ReadExactly(bytes);
        return Manifest.Parse(bytes, path);
    }

    /// <summary>Maps the segments named by <paramref name="manifest"/>.</summary>
    /// <exception cref="CorruptIndexException">A segment is damaged or does not match the manifest.</exception>
    /// <exception cref="FileNotFoundException">A named segment is missing.</exception>
    public static CheckpointState Open(string directory, Manifest manifest, bool verifyChecksums)
    {
        ItemsSegment? items = null;
        var spaces = new SpaceSegment?[manifest.Spaces.Count];
        try
        {
            ManifestFile itemsFile = manifest.GetFile(ManifestFileRole.Items);
            items = ItemsSegment.Open(Path.Combine(directory, itemsFile.Name));
            CheckAgainstManifest(items.File, itemsFile, manifest);
            for (int s = 0; s < spaces.Length; s++)
            {
                ManifestFile spaceFile = manifest.GetFile(ManifestFileRole.Space, s);
                spaces[s] = SpaceSegment.Open(Path.Combine(directory, spaceFile.Name), manifest.Spaces[s], manifest.RowCount);
                CheckAgainstManifest(spaces[s]!.File, spaceFile, manifest);
            }

            if (verifyChecksums)
            {
                items.File.VerifyChecksums();
                foreach (SpaceSegment? space in spaces)
                {
                    space!.File.VerifyChecksums();
                }
            }

            return new CheckpointState(directory, manifest, items, spaces!);
        }
        catch
        {
            items?.Dispose();
            foreach (SpaceSegment? space in spaces)
            {
                space?.Dispose();
            }

            throw;
        }
    }

    /// <summary>Unmaps every segment.</summary>
    public void Dispose()
    {
        Items.Dispose();
        foreach (SpaceSegment space in Spaces)
        {
            space.Dispose();
        }
    }

    private static void CheckAgainstManifest(SegmentFile file, ManifestFile entry, Manifest manifest)
    {
        if (file.File.Length != entry.Length || file.HeaderChecksum != entry.HeaderChecksum)
        {
            throw new CorruptIndexException(file.File.Path, "segment matches manifest", $"length {file.File.Length} and header CRC 0x{file.HeaderChecksum:X8}; manifest records {entry.Length} and 0x{entry.HeaderChecksum:X8}");
        }

        if (file.Header.Generation != manifest.Generation || file.Header.RowCount != manifest.RowCount)
        {
            throw new CorruptIndexException(file.File.Path, "segment generation", $"generation {file.Header.Generation} with {file.Header.RowCount} rows; manifest has {manifest.Generation} with {manifest.RowCount}");
        }
    }
}
