namespace MultiModal.Matching.Storage;

/// <summary>The role of a file named by the manifest.</summary>
internal enum ManifestFileRole : uint
{
    /// <summary>The items segment.</summary>
    Items = 1,

    /// <summary>A vector space's segment.</summary>
    Space = 2,

    /// <summary>The write-ahead log that follows the checkpoint.</summary>
    Log = 3,
}

/// <summary>One file of a generation, as recorded in the manifest.</summary>
/// <param name="Role">What the file is.</param>
/// <param name="SpaceIndex">The space's index for <see cref="ManifestFileRole.Space"/>; 0 otherwise.</param>
/// <param name="Name">The file name inside the collection directory.</param>
/// <param name="Length">The segment's length in bytes (0 for the log, which grows).</param>
/// <param name="HeaderChecksum">The segment header's CRC-32C (0 for the log), tying the file to this manifest.</param>
internal readonly record struct ManifestFile(ManifestFileRole Role, int SpaceIndex, string Name, long Length, uint HeaderChecksum);
