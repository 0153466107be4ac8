namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>Checks that a header read back from storage matches the options and fits its regions, before anything is dereferenced.</summary>
internal static unsafe class HnswGraphHeaderChecks
{
    public static void ThrowIfIncompatible(in HnswGraphHeader header, HnswGraphLayout layout, HnswOptions options, HnswGraphMemory memory)
    {
        Check(header.FormatVersion == HnswGraphHeader.CurrentFormatVersion, "format version");
        Check(header.Dimension == options.Dimension && header.Metric == (int)options.Metric && header.M == options.M, "dimension/metric/M match the options");
        Check(header.MaxLinks0 == layout.MaxLinks0 && header.Stride == layout.Stride && header.VectorOffset == layout.VectorOffset && header.CodeOffset == layout.CodeOffset, "record geometry");
        Check(header.CodeOffset == 0 || header.SlotCount == 0 || (float.IsFinite(header.QuantizerOffset) && header.QuantizerScale > 0 && float.IsFinite(header.QuantizerScale)), "quantiser");
        Check(header.SlotCount >= 0 && (long)header.SlotCount * layout.Stride <= memory.Level0Bytes, "slot count fits the level-0 region");
        Check(header.UpperUsed >= 0 && header.UpperUsed <= memory.UpperInts, "upper region size");
        Check(header.LiveCount >= 0 && header.TombstoneCount >= 0 && header.FreedCount >= 0
            && (long)header.LiveCount + header.TombstoneCount + header.FreedCount == header.SlotCount, "live + tombstoned + freed = slots");
        bool empty = header.EntryPoint == -1 && header.MaxLevel == -1;
        Check(empty || (header.EntryPoint >= 0 && header.EntryPoint < header.SlotCount && header.MaxLevel >= 0 && header.MaxLevel <= HnswGraphLayout.MaxLevel), "entry point");
        Check(((nint)memory.Level0 & (HnswGraphLayout.Alignment - 1)) == 0, "level-0 region is 64-byte aligned");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"HNSW graph header check failed: {what}.");
        }
    }
}
