namespace MultiModal.Matching.Storage;

/// <summary>
/// The checkpointed vectors of one space, read in place from a mapped segment: a row-major f32
/// matrix (one row per internal id) and a presence bitset; optionally the space's graph regions.
/// </summary>
/// <remarks>
/// Header fields (kind, dimension, metric, rows) are checked against the manifest and the region
/// lengths against them at open, so row access is address arithmetic after one id check.
/// Immutable; thread-safe.
/// </remarks>
internal sealed unsafe class SpaceSegment : IDisposable
{
    private readonly SegmentFile _file;
    private readonly float* _vectors;
    private readonly ulong* _presence;

    private SpaceSegment(SegmentFile file, VectorSpaceDefinition space, long rows)
    {
        _file = file;
        string path = file.File.Path;
        SegmentHeader h = file.Header;
        if (h.ElementType != SegmentHeader.Float32 || h.Dimension != space.Dimension || h.Metric != (uint)space.Metric || h.RowCount != rows)
        {
            throw new CorruptIndexException(path, "space header fields", $"type {h.ElementType}, dimension {h.Dimension}, metric {h.Metric}, rows {h.RowCount}; expected f32, {space.Dimension}, {(uint)space.Metric}, {rows}");
        }

        SegmentRegion vectors = file.GetRegion(SegmentRegionKind.Vectors);
        SegmentRegion presence = file.GetRegion(SegmentRegionKind.Presence);
        file.RequireLength(vectors, rows * space.Dimension * sizeof(float));
        file.RequireLength(presence, ItemsSegment.BitWords(rows) * 8);
        _vectors = (float*)file.File.Pointer(vectors.Offset, vectors.Length, "Vectors");
        _presence = (ulong*)file.File.Pointer(presence.Offset, presence.Length, "Presence");
        Space = space;
        RowCount = (int)rows;
    }

    /// <summary>The space.</summary>
    public VectorSpaceDefinition Space { get; }

    /// <summary>Rows (internal ids) covered.</summary>
    public int RowCount { get; }

    /// <summary>The underlying segment (for graph regions and checksum verification).</summary>
    public SegmentFile File => _file;

    /// <summary>Maps a space segment and checks it against the manifest's definition and row count.</summary>
    /// <exception cref="CorruptIndexException">A check failed.</exception>
    public static SpaceSegment Open(string path, VectorSpaceDefinition space, long rows)
    {
        SegmentFile file = SegmentFile.Open(path, SegmentKind.Space);
        try
        {
            return new SpaceSegment(file, space, rows);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether the item <paramref name="id"/> has a vector in this space.</summary>
    public bool HasVector(int id)
    {
        if ((uint)id >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids of this segment are 0 to {RowCount - 1}.");
        }

        return (_presence[id >> 6] & (1UL << (id & 63))) != 0;
    }

    /// <summary>The row of <paramref name="id"/>, in the mapping (zeros when the item has no vector here). Valid until dispose.</summary>
    public ReadOnlySpan<float> GetRow(int id)
    {
        if ((uint)id >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Ids of this segment are 0 to {RowCount - 1}.");
        }

        return new ReadOnlySpan<float>(_vectors + ((long)id * Space.Dimension), Space.Dimension);
    }

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1 as one span (count × dimension floats).</summary>
    public ReadOnlySpan<float> GetRows(int start, int count)
    {
        if (start < 0 || count < 0 || start > RowCount - count || (long)count * Space.Dimension > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start}+{count}) are not inside 0..{RowCount} or too many for one span.");
        }

        return new ReadOnlySpan<float>(_vectors + ((long)start * Space.Dimension), count * Space.Dimension);
    }

    /// <summary>
    /// The graph persisted with this space, if the checkpoint wrote one: all three regions present
    /// and inside the file (one or two of them alone is corruption).
    /// </summary>
    /// <exception cref="CorruptIndexException">The graph regions are incomplete or too large.</exception>
    public bool TryGetGraph(out SpaceGraphRegions graph)
    {
        bool hasHeader = _file.TryGetRegion(SegmentRegionKind.GraphHeader, out SegmentRegion header);
        bool hasLevel0 = _file.TryGetRegion(SegmentRegionKind.GraphLevel0, out SegmentRegion level0);
        bool hasUpper = _file.TryGetRegion(SegmentRegionKind.GraphUpper, out SegmentRegion upper);
        if (!hasHeader && !hasLevel0 && !hasUpper)
        {
            graph = default;
            return false;
        }

        if (!(hasHeader && hasLevel0 && hasUpper) || header.Length > 4096)
        {
            throw new CorruptIndexException(_file.File.Path, "graph regions", "header, level-0 and upper regions must all be present, with a header of at most 4096 bytes");
        }

        graph = new SpaceGraphRegions(
            _file.File.Path,
            _file.File.Span(header.Offset, (int)header.Length, "GraphHeader").ToArray(),
            _file.File.Pointer(level0.Offset, level0.Length, "GraphLevel0"),
            level0.Length,
            _file.File.Pointer(upper.Offset, upper.Length, "GraphUpper"),
            upper.Length);
        return true;
    }

    /// <summary>Unmaps the segment.</summary>
    public void Dispose() => _file.Dispose();
}
