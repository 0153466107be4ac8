namespace MultiModal.Matching.Storage;

/// <summary>One validated entry of a segment's region table: its byte range lies inside the file.</summary>
/// <param name="Kind">What the region holds.</param>
/// <param name="Offset">Byte offset from the start of the file; a multiple of 64.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Checksum">CRC-32C of the region's bytes.</param>
internal readonly record struct SegmentRegion(SegmentRegionKind Kind, long Offset, long Length, uint Checksum);
