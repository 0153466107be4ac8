namespace MultiModal.Matching.Storage;

/// <summary>
/// The graph regions of a mapped space segment, bounds-checked against the file. Pointers stay
/// valid as long as the segment is mapped; the index validates the contents (header fields,
/// link targets) before and while it uses them.
/// </summary>
internal readonly unsafe struct SpaceGraphRegions
{
    public SpaceGraphRegions(string path, byte[] header, byte* level0, long level0Length, byte* upper, long upperLength)
    {
        Path = path;
        Header = header;
        Level0 = level0;
        Level0Length = level0Length;
        Upper = upper;
        UpperLength = upperLength;
    }

    /// <summary>The segment file (for corruption errors).</summary>
    public string Path { get; }

    /// <summary>A copy of the graph header bytes.</summary>
    public byte[] Header { get; }

    /// <summary>The level-0 region (64-byte aligned).</summary>
    public byte* Level0 { get; }

    /// <summary>The level-0 region's length in bytes.</summary>
    public long Level0Length { get; }

    /// <summary>The upper-layers region (64-byte aligned).</summary>
    public byte* Upper { get; }

    /// <summary>The upper region's length in bytes.</summary>
    public long UpperLength { get; }
}
