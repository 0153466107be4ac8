using System.Runtime.InteropServices;

namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// Everything besides the two memory regions that is needed to reopen a graph: a blittable,
/// fixed-layout record (72 bytes) that storage can write and map verbatim. See docs/hnsw-layout.md.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal struct HnswGraphHeader
{
    /// <summary>Layout version of this header and of the regions; currently 1.</summary>
    public int FormatVersion;
    public int Dimension;
    public int Metric;
    public int M;
    public int MaxLinks0;
    public int Stride;
    public int VectorOffset;
    public int EfConstruction;

    /// <summary>Slot of the entry point, −1 when the graph is empty.</summary>
    public int EntryPoint;

    /// <summary>Level of the entry point, −1 when the graph is empty.</summary>
    public int MaxLevel;

    /// <summary>High-water mark: slots 0..SlotCount−1 hold records (live, tombstoned or freed).</summary>
    public int SlotCount;
    public int LiveCount;
    public int TombstoneCount;
    public int FreedCount;

    /// <summary>Ints of the upper region in use (a bump allocator; lists are never moved).</summary>
    public long UpperUsed;

    /// <summary>State of the SplitMix64 level generator, so that a reopened graph keeps drawing the same sequence.</summary>
    public ulong RngState;

    /// <summary>Offset of the int8 codes in a record; 0 when the graph is not two-tier.</summary>
    public int CodeOffset;

    /// <summary>Two-tier only: the quantiser's offset (value of code 0); NaN until fitted.</summary>
    public float QuantizerOffset;

    /// <summary>Two-tier only: the quantiser's step between codes; NaN until fitted.</summary>
    public float QuantizerScale;

    /// <summary>Padding; zero.</summary>
    public int Reserved;

    public const int CurrentFormatVersion = 1;
}
