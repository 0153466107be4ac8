namespace MultiModal.Matching.Storage;

/// <summary>The fixed fields of a segment header (docs/storage-format.md, "Segment files").</summary>
/// <param name="Kind">Items or vector space.</param>
/// <param name="Generation">The checkpoint generation that wrote the file.</param>
/// <param name="RowCount">How many internal ids the segment covers (ids 0 .. RowCount − 1).</param>
/// <param name="ElementType">0 for none, 1 for f32 vectors.</param>
/// <param name="Dimension">Components per vector; 0 for an items segment.</param>
/// <param name="Metric">The space's <see cref="DistanceMetric"/> as a number; 0 for an items segment.</param>
/// <param name="Flags">Reserved, 0.</param>
internal readonly record struct SegmentHeader(
    SegmentKind Kind,
    long Generation,
    long RowCount,
    uint ElementType,
    int Dimension,
    uint Metric,
    uint Flags)
{
    /// <summary>The element type of f32 vectors.</summary>
    public const uint Float32 = 1;
}
