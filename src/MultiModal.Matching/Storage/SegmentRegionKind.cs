namespace MultiModal.Matching.Storage;

/// <summary>What a segment file holds.</summary>
internal enum SegmentKind : uint
{
    /// <summary>Keys, the key index, tombstones and attributes of every internal id.</summary>
    Items = 1,

    /// <summary>The vectors (and, when persisted, the graph) of one vector space.</summary>
    Space = 2,
}

/// <summary>The kind of one region in a segment's region table (docs/storage-format.md).</summary>
internal enum SegmentRegionKind : uint
{
    /// <summary>u64[rows + 1]: byte offsets of each key in <see cref="KeyBytes"/>.</summary>
    KeyOffsets = 1,

    /// <summary>The UTF-8 bytes of all keys, back to back.</summary>
    KeyBytes = 2,

    /// <summary>Open-addressing hash table of u64 slots: low 32 bits the key hash, high 32 bits id + 1 (0 = empty).</summary>
    KeyIndex = 3,

    /// <summary>u64 words of a bitset: bit <c>id</c> set when the id is deleted.</summary>
    Tombstones = 4,

    /// <summary>u64[rows + 1]: byte offsets of each item's attribute record in <see cref="AttributeBytes"/>.</summary>
    AttributeOffsets = 5,

    /// <summary>Each item's attributes in the typed key/value encoding.</summary>
    AttributeBytes = 6,

    /// <summary>f32[rows × dimension], row-major; rows of items without this space are zero.</summary>
    Vectors = 16,

    /// <summary>u64 words of a bitset: bit <c>id</c> set when the item has a vector in this space.</summary>
    Presence = 17,

    /// <summary>The graph's fixed-size header (geometry, entry point, counts) as written by the index.</summary>
    GraphHeader = 32,

    /// <summary>The graph's level-0 records, fixed stride, as laid out by the index.</summary>
    GraphLevel0 = 33,

    /// <summary>The graph's upper layers, as laid out by the index.</summary>
    GraphUpper = 34,
}
