namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// The byte geometry of the level-0 records and of the upper-layer link lists, derived from the
/// dimension and M alone (see docs/hnsw-layout.md). Every record starts on a 64-byte boundary:
/// <code>
/// offset 0   uint32  version      seqlock word: odd while a writer holds the node, even otherwise
/// offset 4   uint16  linkCount    number of valid level-0 links
/// offset 6   uint8   level        the node's top layer (0 = level 0 only)
/// offset 7   uint8   flags        1 = tombstone (removed, still traversed), 2 = freed (slot unused)
/// offset 8   int32   id           the caller's id
/// offset 12  int32   upperOffset  first int of the node's upper lists in the upper region, −1 if level 0
/// offset 16  int32   parent       slot whose level-0 list holds the tree link to this node; −1 for the entry point
/// offset 20  int32   codeSum      Σ of the int8 codes (two-tier only; 0 otherwise)
/// offset 24  8 bytes reserved (zero)
/// offset 32  int32[MaxLinks0]     level-0 links (slot numbers)
/// CodeOffset (64-aligned, two-tier only)  int8[Dimension]  the scalar-quantised codes the traversal reads
/// VectorOffset (64-aligned)  float32[Dimension]  the vector (unit length for cosine)
/// padding to Stride (a multiple of 64)
/// </code>
/// Upper lists: for a node of level L, L consecutive lists of <see cref="UpperListInts"/> int32
/// each, for layers 1..L: [count, link₀ … link_{M−1}].
/// </summary>
internal readonly struct HnswGraphLayout
{
    public const int HeaderBytes = 32;
    public const int LinksOffset = 32;
    public const int Alignment = 64;

    public const int VersionOffset = 0;
    public const int LinkCountOffset = 4;
    public const int LevelOffset = 6;
    public const int FlagsOffset = 7;
    public const int IdOffset = 8;
    public const int UpperOffsetOffset = 12;
    public const int ParentOffset = 16;
    public const int CodeSumOffset = 20;

    public const byte FlagTombstone = 1;
    public const byte FlagFreed = 2;

    /// <summary>The highest level a node may have (the level field is a byte; real graphs stay far below).</summary>
    public const int MaxLevel = 64;

    public HnswGraphLayout(int dimension, int m, bool quantized)
    {
        Dimension = dimension;
        M = m;
        MaxLinks0 = 2 * m;
        int afterLinks = AlignUp(LinksOffset + (4 * MaxLinks0));
        CodeOffset = quantized ? afterLinks : 0;
        VectorOffset = quantized ? AlignUp(afterLinks + dimension) : afterLinks;
        Stride = AlignUp(VectorOffset + (4 * dimension));
        UpperListInts = m + 1;
    }

    public int Dimension { get; }

    public int M { get; }

    /// <summary>Mmax0: the level-0 link capacity, 2·M.</summary>
    public int MaxLinks0 { get; }

    public int VectorOffset { get; }

    /// <summary>Offset of the int8 codes; 0 when the index is not two-tier.</summary>
    public int CodeOffset { get; }

    public int Stride { get; }

    /// <summary>Ints per upper-layer list: one count plus M links.</summary>
    public int UpperListInts { get; }

    /// <summary>The link capacity of a layer: 2·M on level 0, M above.</summary>
    public int MaxLinks(int level) => level == 0 ? MaxLinks0 : M;

    private static int AlignUp(int value) => (value + Alignment - 1) & ~(Alignment - 1);
}
